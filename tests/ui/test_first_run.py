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


import pytest  # noqa: E402


@pytest.mark.parametrize(("lang", "back", "next_", "finish", "cancel"), [
    ("ru", "< &Назад", "&Далее >", "&Завершить", "Отмена"),
    ("kk", "< &Артқа", "&Келесі >", "А&яқтау", "Бас тарту"),
    ("fa", "< &عقب", "بع&دی >", "پایا&ن", "انصراف"),
])
def test_the_wizards_buttons_speak_the_language_chosen_on_its_first_page(qtbot, qapp, user_home, lang, back, next_,
                                                                         finish, cancel):
    from PySide6.QtWidgets import QWizard

    from desktop_app.ui.core.language import apply_language

    wizard = FirstRunWizard(settings.Preferences())  # built in English, as on a first start
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        wizard.language_page.combo.select(lang)
        texts = [wizard.buttonText(button).strip("\u202b\u202c") for button in (
            QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton)]
        assert texts == [back, next_, finish, cancel]
        assert wizard.button(QWizard.WizardButton.NextButton).text().strip("\u202b\u202c") == next_
    finally:
        apply_language(qapp, "en")


def test_qt_strings_missing_from_qts_catalog_come_from_ours(qapp, user_home):
    """Qt's Kazakh catalog lacks some file-dialog labels: ours answers for them; and a language without
    any Qt catalog still gets the wizard's buttons from ours."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui.core import language

    try:
        language.apply_language(qapp, "kk")
        assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
        assert QCoreApplication.translate("QWizard", "&Next >") == "&Келесі >"
        language._install_qt_translators(qapp, "zh")  # as if Qt shipped no Chinese catalog: ours alone
        for translator in language._qt_translators[1:]:
            qapp.removeTranslator(translator)
        from desktop_app.i18n import set_language

        set_language("zh")
        assert QCoreApplication.translate("QWizard", "&Next >") == "下一步(&N) >"
        assert QCoreApplication.translate("QPlatformTheme", "Discard") == "放弃"
    finally:
        language.apply_language(qapp, "en")
