"""The interface in the user's language: languages listed by name and marked when not (all) translated,
the window mirrored only for a translated right-to-left language, lists in the reader's alphabetical order."""

from __future__ import annotations

import pytest

from desktop_app.ui.common.choosers import LanguageCombo, StateCombo


@pytest.fixture
def in_language(qapp):
    from desktop_app.ui.core.language import apply_language

    yield lambda lang: apply_language(qapp, lang)
    apply_language(qapp, "en")


def entries(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_the_language_lists_name_every_language_the_app_writes_and_mark_the_untranslated(qtbot, in_language):
    in_language("en")
    combo = LanguageCombo()
    qtbot.addWidget(combo)
    shown = entries(combo)
    assert shown["kk"] == "Қазақ тілі — Kazakh" and shown["ru"] == "Русский — Russian"
    assert shown["tr"] == "Türkçe — Turkish" and shown["ar"] == "العربية — Arabic"
    assert shown["ckb"].endswith("— Central Kurdish (not translated yet: English text)")  # Iraq's second language
    assert "ta" in shown and "si" in shown  # every CICA state's language
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes.index("zh") < codes.index("ckb")  # the translated languages first
    in_language("ru")
    assert entries(combo)["kk"] == "Қазақ тілі — Казахский"


def test_the_reports_page_offers_the_same_languages(main_window, qtbot):
    page = main_window.open_area("reports")
    shown = entries(page.language_box)
    assert {"en", "ru", "kk", "fa", "zh", "tr", "ar"} <= set(shown)
    assert "not translated" in shown["ckb"] and "not translated" not in shown["ar"]


def test_an_untranslated_right_to_left_language_keeps_english_text_left_to_right(qapp, in_language):
    in_language("fa")
    assert qapp.isRightToLeft()
    in_language("ckb")  # no Central Kurdish catalog yet: the messages are English
    assert not qapp.isRightToLeft()
    in_language("ar")
    assert qapp.isRightToLeft()


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("kk", ["Ауғанстан", "Әзірбайжан", "Бангладеш"], ["Кувейт", "Қазақстан", "Қырғызстан", "Қытай"]),
    ("fa", ["اردن", "ازبکستان", "اسرائیل", "افغانستان"], ["بنگلادش", "پاکستان", "تاجیکستان"]),  # پ after ب
    ("zh", ["阿富汗", "阿拉伯联合酋长国", "阿塞拜疆"], ["约旦", "越南", "中国"]),
])
def test_the_state_list_is_in_the_readers_alphabetical_order(qtbot, in_language, lang, before, after):
    in_language(lang)
    combo = StateCombo()
    qtbot.addWidget(combo)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[:len(before)] == before
    assert names[-len(after):] == after if lang == "zh" else _in_order(names, after)
    from desktop_app.services.collation import sort_key

    assert names == sorted(names, key=lambda name: sort_key(name, lang))


def _in_order(names: list[str], wanted: list[str]) -> bool:
    positions = [names.index(name) for name in wanted]
    return positions == sorted(positions) and positions[-1] - positions[0] == len(wanted) - 1


def test_languages_are_shown_by_name_in_the_interface_language(main_window, qtbot, in_language):
    """A programme's languages of instruction and the languages of a university's names read "English,
    Russian and Chinese" / «Казахский», never "en ru zh" or "kk"."""
    from desktop_app.domain.universities import ContactDraft, NameDraft, NameKind, UniversityDraft
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.universities.editor import UniversityEditor

    load_demo(main_window.context.db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.editor.draft is not None and bool(page.editor.draft.languages), timeout=5000)
    assert page.editor.languages.shown.text() == "English, Russian, and Chinese"
    in_language("ru")
    assert page.editor.languages.shown.text() == "Английский, русский и китайский"
    draft = UniversityDraft(names=[NameDraft("Әл-Фараби атындағы ҚазҰУ", "kk", NameKind.OFFICIAL),
                                   NameDraft("Казан университеты", "tt", NameKind.LABEL)],
                            country_code="KZ", contacts=[ContactDraft("A. B.", languages="kk ru")])
    editor = UniversityEditor(draft, lambda _draft: None, default_country="KZ", is_new=True)
    qtbot.addWidget(editor)
    assert [editor.names.table.cellWidget(row, 1).currentText() for row in range(2)] == ["Казахский", "Татарский"]
    assert editor.contacts.table.cellWidget(0, 4).shown.text() == "Казахский и русский"
    assert editor.names.drafts()[1].lang == "tt"  # the record keeps its code
    assert editor.contacts.drafts()[0].languages == "kk ru"
