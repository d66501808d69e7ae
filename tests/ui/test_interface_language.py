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
    assert shown["tr"] == "Türkçe — Turkish (not translated yet: English text)"
    assert "ar" in shown and "ta" in shown  # every CICA state's language
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes.index("zh") < codes.index("ar")  # the translated languages first
    in_language("ru")
    assert entries(combo)["kk"] == "Қазақ тілі — Казахский"


def test_the_reports_page_offers_the_same_languages(main_window, qtbot):
    page = main_window.open_area("reports")
    shown = entries(page.language_box)
    assert {"en", "ru", "kk", "fa", "zh", "tr", "ar"} <= set(shown)
    assert "not translated" in shown["ar"]


def test_an_untranslated_right_to_left_language_keeps_english_text_left_to_right(qapp, in_language):
    in_language("fa")
    assert qapp.isRightToLeft()
    in_language("ar")  # no Arabic catalog yet: the messages are English
    assert not qapp.isRightToLeft()


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
