"""Preferences, built from the declarations in ``settings.py``. Changing the language applies at once
to the open window (nothing typed elsewhere is lost); the database location applies at next start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.common.choosers import LanguageCombo, StateCombo
from desktop_app.ui.core import settings
from desktop_app.ui.core.language import Retranslatable, apply_language

SHOWN = (
    settings.LANGUAGE, settings.MEMBER_STATE, settings.COORDINATOR, settings.REPORT_LANGUAGE,
    settings.SECONDARY_CALENDAR, settings.RECOGNITION_OVERDUE_DAYS, settings.AGREEMENT_WARNING_DAYS,
    settings.SIGNATURE_WARNING_DAYS, settings.TRANSCRIPT_OVERDUE_DAYS, settings.BACKUPS_KEPT, settings.DATABASE_URL,
)


class PreferencesDialog(Retranslatable, QDialog):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.context = context
        self.preferences = context.preferences
        self.form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        for setting in SHOWN:
            editor = self._editor_for(setting)
            editor.setObjectName(f"pref_{setting.key.replace('/', '_')}")
            label = QLabel()
            self.editors[setting.key] = editor
            self.labels[setting.key] = label
            self.form.addRow(label, editor)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.retranslate()

    def _editor_for(self, setting: settings.Setting) -> QWidget:
        value = self.preferences.get(setting)
        if setting is settings.LANGUAGE:
            editor = LanguageCombo()
            editor.select(value)
        elif setting is settings.REPORT_LANGUAGE:
            editor = LanguageCombo(include_default=True)
            editor.select(value)
        elif setting is settings.MEMBER_STATE:
            editor = StateCombo()
            editor.select(value)
        elif setting.type is bool:
            editor = QCheckBox()
            editor.setChecked(bool(value))
        elif setting.type is int:
            editor = QSpinBox()
            editor.setRange(0, 3650)
            editor.setValue(int(value))
        else:
            editor = QLineEdit(str(value))
        return editor

    def _value_of(self, setting: settings.Setting):
        editor = self.editors[setting.key]
        if isinstance(editor, (LanguageCombo, StateCombo)):
            return editor.currentData() or ""
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        return editor.text().strip()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Preferences"))
        for setting in SHOWN:
            self.labels[setting.key].setText(_(setting.title))
            if setting.description:
                self.editors[setting.key].setToolTip(_(setting.description))
        self.note.setText(_("A new database location takes effect the next time the application starts."))

    def accept(self) -> None:
        old_language = self.preferences.get(settings.LANGUAGE)
        for setting in SHOWN:
            self.preferences.set(setting, self._value_of(setting))
        new_language = self.preferences.get(settings.LANGUAGE)
        super().accept()
        if new_language != old_language:
            lang = apply_language(self.context.app, new_language)
            self.context.language_changed.emit(lang)
