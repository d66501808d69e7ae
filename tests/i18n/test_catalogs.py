"""Catalogs: complete in every shipped language; placeholders, plural forms and no message left in English."""

import subprocess
import sys

from babel.messages.catalog import Catalog

from desktop_app.i18n import catalogs, translator


def test_required_languages_are_complete_and_placeholders_match():
    problems = catalogs.check()
    assert not problems, "\n".join(map(str, problems[:40])) + f"\n({len(problems)} problems)"


def test_a_missing_message_or_placeholder_is_reported(tmp_path, monkeypatch):
    from desktop_app import paths

    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "core.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello {name}"\nmsgstr "Привет"\n', encoding="utf-8")
    monkeypatch.setattr(paths, "translations_dir", lambda: tmp_path)
    template = Catalog()
    template.add("Hello {name}")
    template.add("Goodbye")
    problems = {(p.message, p.what.split(" (")[0]) for p in catalogs.check(template, required=("ru",))}
    assert ("Goodbye", "missing translation") in problems
    assert ("Hello {name}", "placeholders differ") in problems


def test_plural_forms_follow_the_language():
    ru = translator("ru")
    message = ("Loaded {count} university.", "Loaded {count} universities.")
    assert ru.ngettext(*message, 1).format(count=1).endswith("1 университет.")
    assert ru.ngettext(*message, 3).format(count=3).endswith("3 университета.")
    assert ru.ngettext(*message, 5).format(count=5).endswith("5 университетов.")
    assert ru.ngettext(*message, 21).format(count=21).endswith("21 университет.")


def test_persian_plurals_are_persian_for_every_count():
    # CLDR gives Persian two plural forms (one: 0 and 1; other); the noun after a number stays singular.
    fa = translator("fa")
    for message in [("{count} university", "{count} universities"), ("{count} day", "{count} days")]:
        forms = {fa.ngettext(*message, n) for n in (0, 1, 2, 19, 60)}
        assert len(forms) == 1 and not forms & set(message), forms


def test_a_part_whose_plural_forms_disagree_with_the_language_is_reported(tmp_path, monkeypatch):
    from desktop_app import paths

    (tmp_path / "fa").mkdir()
    (tmp_path / "fa" / "core.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] "{count} روز"\n', encoding="utf-8")
    monkeypatch.setattr(paths, "translations_dir", lambda: tmp_path)
    template = Catalog()
    template.add(("{count} day", "{count} days"))
    problems = [p.what for p in catalogs.check(template, required=())]
    assert any("Plural-Forms header says 1" in what for what in problems), problems
    assert any("1 plural forms in core.po where the language has 2" in what for what in problems), problems
    assert catalogs.plural_count("fa") == 2 and catalogs.plural_count("ru") == 3 and catalogs.plural_count("zh") == 1


def test_catalogs_compile(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop_app.i18n.catalogs", "compile", "--quiet"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_message_left_in_english_is_reported_unless_kept(tmp_path, monkeypatch):
    from desktop_app import paths

    (tmp_path / "tr").mkdir()
    (tmp_path / "tr" / "core.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Save"\nmsgstr "Save"\n\nmsgid "ECTS"\nmsgstr "ECTS"\n\nmsgid "{count}"\nmsgstr "{count}"\n'
        '\nmsgid "PDF"\nmsgstr "PDF"\n', encoding="utf-8")
    (tmp_path / "SAME_AS_ENGLISH.txt").write_text("# codes\nECTS  # a standard's acronym\n", encoding="utf-8")
    (tmp_path / "tr" / "SAME_AS_ENGLISH.txt").write_text("PDF\n", encoding="utf-8")
    monkeypatch.setattr(paths, "translations_dir", lambda: tmp_path)
    template = Catalog()
    for text in ("Save", "ECTS", "{count}", "PDF"):
        template.add(text)
    problems = [(p.message, p.what.split(" (")[0]) for p in catalogs.check(template, required=())]
    assert problems == [("Save", "left equal to English")]


def test_a_translators_work_list_numbers_the_missing_messages_and_takes_answers_back(tmp_path, monkeypatch):
    from desktop_app import paths

    monkeypatch.setattr(paths, "translations_dir", lambda: tmp_path)  # no Arabic catalog yet
    work = catalogs.untranslated("ar", limit=3)
    assert work["plural_forms"] == 6 and work["plural_form_examples"][1] == [1]
    for number, item in enumerate(work["messages"], start=1):
        item["n"] = number
    saved = tmp_path / "work.json"
    import json

    saved.write_text(json.dumps(work), encoding="utf-8")
    answers = catalogs.answers_to_translations(str(saved), {"2": "نص"})
    assert answers == {work["messages"][1]["id"]: {"ar": "نص"}}
    import pytest

    with pytest.raises(SystemExit, match="numbered 9"):
        catalogs.answers_to_translations(str(saved), {"9": "x"})
