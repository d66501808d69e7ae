"""The university picker lists a small register whole and searches a large one, never cutting silently."""

from __future__ import annotations

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import universities
from desktop_app.ui.common.choosers import UniversityPicker


def _add(db, name: str, country: str = "KZ", kk: str | None = None) -> int:
    names = [NameDraft(name, "en")] + ([NameDraft(kk, "kk")] if kk else [])
    return universities.create(db, UniversityDraft(country, names))


def test_a_small_register_is_listed_whole_and_keeps_the_selection(qtbot, sqlite_db):
    first = _add(sqlite_db, "Satbayev University")
    second = _add(sqlite_db, "Tsinghua University", "CN")
    picker = UniversityPicker(sqlite_db)
    qtbot.addWidget(picker)
    assert picker.count() == 2 and not picker.isEditable()
    picker.select(second)
    assert picker.value() == second and "Tsinghua University" in picker.currentText()
    picker.select(first)
    assert picker.value() == first


def test_a_large_register_is_searched_and_says_when_more_match(qtbot, sqlite_db, monkeypatch):
    monkeypatch.setattr(UniversityPicker, "LIST_WHOLE", 5)
    monkeypatch.setattr(UniversityPicker, "SHOWN", 3)
    ids = [_add(sqlite_db, f"Technical University {n}") for n in range(8)]
    kaznu = _add(sqlite_db, "Al-Farabi Kazakh National University", kk="Әл-Фараби атындағы Қазақ ұлттық университеті")
    picker = UniversityPicker(sqlite_db)
    qtbot.addWidget(picker)
    assert picker.isEditable()
    assert picker.count() == 4 and picker.itemData(3) is None  # three shown and "more match"
    picker.refill("ұлттық")  # Kazakh, any case, any of its names
    assert [picker.itemData(i) for i in range(picker.count())] == [kaznu]
    picker.select(ids[6])
    picker.refill("Farabi")
    assert picker.findData(ids[6]) >= 0 and picker.value() == ids[6]  # the chosen one stays listed
