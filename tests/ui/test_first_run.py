from desktop_app.ui.core import settings
from desktop_app.ui.shell.first_run import FirstRunWizard


def test_first_run_wizard_stores_state_language_and_database(qtbot, qapp, user_home, tmp_path):
    prefs = settings.Preferences()
    wizard = FirstRunWizard(prefs)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.language_page.combo.select("kk")
    assert wizard.state_page.title() == "Мүше мемлекет"  # the wizard switched language at once
    wizard.next()
    wizard.state_page.combo.select("IR")
    wizard.next()
    wizard.database_page.file_edit.setText(str(tmp_path / "mine.sqlite3"))
    wizard.database_page.file_choice.setChecked(True)
    wizard.accept()
    assert prefs.get(settings.LANGUAGE) == "kk"
    assert prefs.get(settings.MEMBER_STATE) == "IR"
    assert prefs.get(settings.DATABASE_URL) == str(tmp_path / "mine.sqlite3")
    assert prefs.get(settings.FIRST_RUN_DONE) is True
    from desktop_app.ui.core.language import apply_language

    apply_language(qapp, "en")


def test_preferences_and_window_state_are_kept_apart(user_home):
    prefs = settings.Preferences()
    state = settings.WindowState()
    prefs.set(settings.RECOGNITION_OVERDUE_DAYS, 90)
    state.save("main/geometry", b"xyz")
    state.sync()
    assert prefs.file_name() != state._store.fileName()
    assert settings.Preferences().get(settings.RECOGNITION_OVERDUE_DAYS) == 90
    assert settings.Preferences().get(settings.AGREEMENT_WARNING_DAYS) == 90  # default
