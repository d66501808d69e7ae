"""The member-state presets the installers carry, and what the app does with one on first run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import preset as presets
from desktop_app.domain.reference import MEMBER_CODES, STATES_BY_CODE
from desktop_app.i18n import available_languages

PRESETS = Path(__file__).resolve().parents[2] / "packaging" / "presets"


def test_every_member_state_has_exactly_one_preset():
    assert {path.stem for path in PRESETS.glob("*.json")} == set(MEMBER_CODES)
    assert len(MEMBER_CODES) == 28


@pytest.mark.parametrize("code", sorted(MEMBER_CODES))
def test_preset_is_sound_and_names_an_available_language(code):
    from babel import Locale

    data = json.loads((PRESETS / f"{code}.json").read_text(encoding="utf-8"))
    assert presets.problems(data) == []
    preset = presets.from_data(data)
    assert preset.state == code
    assert preset.languages[0] == STATES_BY_CODE[code].languages[0]
    for lang in preset.languages:
        Locale.parse(lang)  # a real language CLDR knows (raises otherwise)
    lang = preset.interface_language()
    assert lang in available_languages()
    # The chain is followed in order: the first language with a catalog wins.
    assert all(earlier not in available_languages() for earlier in preset.languages[:preset.languages.index(lang)])
    assert preset.parent_university is None or preset.parent_university["name"]


@pytest.mark.parametrize("code", sorted(MEMBER_CODES))
def test_every_states_installer_starts_in_the_states_language(code):
    # Every member state's first language ships complete, so no preset falls back along its chain.
    preset = presets.read(PRESETS / f"{code}.json")
    assert preset.interface_language() == STATES_BY_CODE[code].languages[0]


def test_a_language_without_a_catalog_falls_back_along_the_chain():
    uzbekistan, thailand = presets.read(PRESETS / "UZ.json"), presets.read(PRESETS / "TH.json")
    assert uzbekistan.interface_language(available=["en", "ru", "kk"]) == "ru"
    assert thailand.interface_language(available=["en", "ru"]) == "en"


def test_calendars_follow_the_states_convention():
    calendars = {code: presets.read(PRESETS / f"{code}.json").calendar for code in MEMBER_CODES}
    assert {code for code, cal in calendars.items() if cal == "persian"} == {"IR", "AF"}
    assert {code for code, cal in calendars.items() if cal == "buddhist"} == {"TH"}


def test_problems_are_reported_field_by_field():
    data = json.loads((PRESETS / "KZ.json").read_text(encoding="utf-8"))
    broken = dict(data, state="US", languages=["kk", "ru"], calendar="lunar")
    found = presets.problems(broken)
    assert any(problem.startswith("state:") for problem in found)
    assert any("end with en" in problem for problem in found)
    assert any(problem.startswith("calendar:") for problem in found)
    assert presets.problems({k: v for k, v in data.items() if k != "app_name"}) == ["app_name: missing"]


def test_a_damaged_preset_is_ignored(tmp_path, monkeypatch):
    bad = tmp_path / "preset.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(presets.PRESET_ENV, str(bad))
    assert presets.bundled() is None


def _start_first_run(qapp, monkeypatch, preset_file: Path, tmp_path):
    """Start the app as an installed copy would on its first run; returns what the wizard showed."""
    from desktop_app.app import start
    from desktop_app.i18n import current_language
    from desktop_app.ui.core import settings
    from desktop_app.ui.shell.first_run import FirstRunWizard

    monkeypatch.setenv(presets.PRESET_ENV, str(preset_file))
    shown = {}

    def fake_exec(wizard):
        shown.update(language=current_language(), state=wizard.state_page.combo.currentData(),
                     chosen_language=wizard.language_page.combo.currentData(), rtl=qapp.isRightToLeft())
        wizard.accept()
        return FirstRunWizard.DialogCode.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", fake_exec)
    prefs = settings.Preferences()
    result = start(qapp, db_url=f"sqlite:///{tmp_path / 'first.sqlite3'}", preferences=prefs)
    return shown, prefs, result


def _close(qtbot, qapp, result):
    from desktop_app.ui.core.language import apply_language

    context, window = result
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: context.db is not None, timeout=15000)
    for _round in range(3):  # deliver the dashboard's counts while the window is still alive
        context.runner.wait_for_all(10000)
        qtbot.wait(20)
    window.close()
    context.instance_lock.release()
    context.db.close()
    apply_language(qapp, "en")


@pytest.mark.parametrize("code, lang, rtl", [("KZ", "kk", False), ("IR", "fa", True)])
def test_first_run_starts_in_the_presets_language_with_its_state(qtbot, qapp, monkeypatch, tmp_path, code, lang, rtl):
    from desktop_app.ui.core import settings

    shown, prefs, result = _start_first_run(qapp, monkeypatch, PRESETS / f"{code}.json", tmp_path)
    result[1].show()  # the database is opened after the first paint
    assert (shown["language"], shown["chosen_language"], shown["state"], shown["rtl"]) == (lang, lang, code, rtl)
    assert prefs.get(settings.LANGUAGE) == lang and prefs.get(settings.MEMBER_STATE) == code
    _close(qtbot, qapp, result)


def test_a_preset_may_skip_the_wizard(qtbot, qapp, monkeypatch, tmp_path):
    from desktop_app.ui.core import settings

    data = json.loads((PRESETS / "KZ.json").read_text(encoding="utf-8"))
    managed = tmp_path / "preset.json"
    managed.write_text(json.dumps(dict(data, skip_wizard=True)), encoding="utf-8")
    shown, prefs, result = _start_first_run(qapp, monkeypatch, managed, tmp_path)
    result[1].show()
    assert shown == {}  # no wizard
    assert prefs.get(settings.FIRST_RUN_DONE) is True
    assert (prefs.get(settings.LANGUAGE), prefs.get(settings.MEMBER_STATE)) == ("kk", "KZ")
    _close(qtbot, qapp, result)


def test_the_users_own_choice_wins_over_the_preset_later(qtbot, qapp, monkeypatch, tmp_path, preferences):
    from desktop_app.app import start
    from desktop_app.i18n import current_language

    monkeypatch.setenv(presets.PRESET_ENV, str(PRESETS / "KZ.json"))
    result = start(qapp, db_url=f"sqlite:///{tmp_path / 'later.sqlite3'}", preferences=preferences)
    result[1].show()
    assert current_language() == "en"  # the fixture's preferences chose English
    _close(qtbot, qapp, result)


def test_about_reports_the_preset(capsys, monkeypatch):
    from desktop_app.cli import main

    monkeypatch.setenv(presets.PRESET_ENV, str(PRESETS / "UZ.json"))
    assert main(["about", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["preset"]["state"] == "UZ" and info["preset"]["interface_language"] == "uz"
    assert info["resources"] is True and info["schema_heads"]


def test_first_run_choices_survive_a_restart(user_home):
    """The installed app asks its questions once: what the wizard stored is read by the next process."""
    import subprocess
    import sys

    from desktop_app.ui.core import settings

    prefs = settings.Preferences()
    prefs.set(settings.FIRST_RUN_DONE, True)
    prefs.set(settings.LANGUAGE, "kk")
    prefs.set(settings.MEMBER_STATE, "KZ")
    code = ("from desktop_app.ui.core import settings as s; p = s.Preferences(); "
            "print(p.get(s.FIRST_RUN_DONE), p.get(s.LANGUAGE), p.get(s.MEMBER_STATE))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.split() == ["True", "kk", "KZ"]
