"""The first-run wizard: interface language, member state, database location."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop_app import paths
from desktop_app.i18n import _, current_language
from desktop_app.preset import Preset
from desktop_app.ui.common.choosers import LanguageCombo, StateCombo
from desktop_app.ui.core import settings
from desktop_app.ui.core.language import Retranslatable, apply_language, qt_text


class LanguagePage(Retranslatable, QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.combo = LanguageCombo()
        self.combo.setObjectName("languageCombo")
        self.combo.select(current_language())
        self.label = QLabel()
        layout = QFormLayout(self)
        layout.addRow(self.intro)
        layout.addRow(self.label, self.combo)
        # The wizard itself switches language as soon as one is chosen.
        self.combo.currentIndexChanged.connect(
            lambda _i: apply_language(QApplication.instance(), self.combo.currentData()))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Welcome"))
        self.intro.setText(_("CICA Network Coordinator keeps your country's records of the CICA Partnership "
                             "Network of Leading Universities. First choose the language of the interface."))
        self.label.setText(_("Interface language:"))
        self.combo.refill()


class StatePage(Retranslatable, QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.combo = StateCombo()
        self.combo.setObjectName("stateCombo")
        self.combo.select("KZ")
        self.label = QLabel()
        layout = QFormLayout(self)
        layout.addRow(self.intro)
        layout.addRow(self.label, self.combo)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Member state"))
        self.intro.setText(_("Which member state's national records do you keep? Its parent university "
                             "coordinates the network in that country."))
        self.label.setText(_("Member state:"))
        self.combo.refill()


class DatabasePage(Retranslatable, QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.default_choice = QRadioButton()
        self.default_choice.setChecked(True)
        self.file_choice = QRadioButton()
        self.server_choice = QRadioButton()
        self.group = QButtonGroup(self)
        for button in (self.default_choice, self.file_choice, self.server_choice):
            self.group.addButton(button)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("databaseFile")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("databaseUrl")
        self.server_edit.setPlaceholderText("postgresql+psycopg://user@host/cica")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.default_choice)
        layout.addWidget(self.file_choice)
        layout.addLayout(file_row)
        layout.addWidget(self.server_choice)
        layout.addWidget(self.server_edit)
        layout.addStretch(1)
        self.file_edit.textEdited.connect(lambda _t: self.file_choice.setChecked(True))
        self.server_edit.textEdited.connect(lambda _t: self.server_choice.setChecked(True))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Where to keep the records"))
        self.intro.setText(_("Your records are kept in a database on this computer. A ministry or the working "
                             "group may instead share one PostgreSQL server."))
        self.default_choice.setText(_("In my data folder (recommended): {path}").format(
            path=paths.default_database_path()))
        self.file_choice.setText(_("In a file I choose:"))
        self.browse.setText(_("Browse…"))
        self.server_choice.setText(_("On a database server (URL):"))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Database file"), str(paths.default_database_path()),
                                                    _("SQLite databases (*.sqlite3 *.db)"),
                                                    options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file_edit.setText(path)
            self.file_choice.setChecked(True)

    def database_url(self) -> str:
        if self.file_choice.isChecked() and self.file_edit.text().strip():
            return self.file_edit.text().strip()
        if self.server_choice.isChecked() and self.server_edit.text().strip():
            return self.server_edit.text().strip()
        return ""

    def validatePage(self) -> bool:  # noqa: N802
        if self.server_choice.isChecked() and "://" not in self.server_edit.text():
            self.server_edit.setFocus()
            self.server_edit.setToolTip(_("A database URL looks like postgresql+psycopg://user@host/database"))
            return False
        return True


class FirstRunWizard(Retranslatable, QWizard):
    def __init__(self, preferences: settings.Preferences, parent=None, *, state: str | None = None):
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.preferences = preferences
        self.language_page = LanguagePage()
        self.state_page = StatePage()
        if state:  # an installer's preset chose the state; the user may still change it
            self.state_page.combo.select(state)
        self.database_page = DatabasePage()
        for page in (self.language_page, self.state_page, self.database_page):
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(640, 440)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Setting up CICA Network Coordinator"))
        # QWizard names its buttons once, when built: name them again in the language just chosen.
        for button, text in ((QWizard.WizardButton.BackButton, "< &Back"), (QWizard.WizardButton.NextButton, "&Next >"),
                             (QWizard.WizardButton.FinishButton, "&Finish"),
                             (QWizard.WizardButton.CancelButton, "Cancel")):
            self.setButtonText(button, qt_text("QWizard", text))

    def accept(self) -> None:
        lang = self.language_page.combo.currentData() or current_language()
        state = self.state_page.combo.currentData()
        self.preferences.set(settings.LANGUAGE, lang)
        self.preferences.set(settings.MEMBER_STATE, state)
        self.preferences.set(settings.DATABASE_URL, self.database_page.database_url())
        self.preferences.set(settings.FIRST_RUN_DONE, True)
        super().accept()


def apply_preset(preferences: settings.Preferences, preset: Preset, lang: str) -> None:
    """First run without the wizard (a preset with skip_wizard, for managed installations): the
    preset's state and language, the database in the user's data folder."""
    preferences.set(settings.LANGUAGE, lang)
    preferences.set(settings.MEMBER_STATE, preset.state)
    preferences.set(settings.DATABASE_URL, "")
    preferences.set(settings.FIRST_RUN_DONE, True)
