"""Catalogs: complete for English, Russian and Kazakh; placeholders intact in every language."""

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


def test_a_language_written_with_fewer_plural_forms_than_cldr_counts_stays_translated():
    # Persian parts give one form; CLDR (and so the compiled catalog) counts two: never English for many.
    fa = translator("fa")
    message = ("{count} university", "{count} universities")
    assert fa.ngettext(*message, 1) == fa.ngettext(*message, 19) == "{count} دانشگاه"


def test_catalogs_compile(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop_app.i18n.catalogs", "compile", "--quiet"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
