"""Import with a preview: choose the format and (for tables) which column holds what, see what would be
created, updated, skipped or rejected (each rejected row with its line and field), then confirm.
Reading, checking and writing run in the background with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.exchange import university_import as imports
from desktop_app.i18n import _
from desktop_app.ui.core.language import Retranslatable


def _field_titles() -> dict[str, str]:
    return {"name": _("Name (shown in lists)"), "name_en": _("English name"), "name_native": _("Official native name"),
            "native_lang": _("Language of the native name"), "acronym": _("Acronym"), "country_code": _("Country code"),
            "city": _("City"), "website": _("Website"), "ror_id": _("ROR identifier"), "institution_type": _("Type"),
            "network_role": _("Role in the network"), "status": _("Membership status"), "established": _("Founded"),
            "notes": _("Notes"), "uuid": _("Record identifier (UUID)"), "name_lang": _("Language of the name"),
            "status_since": _("Status since"), "rankings": _("Rankings")}


def _name_title(key: str) -> str:
    """The title of a name column's target: ``name:kk``, ``official:ru``, ``alias:`` (no language)."""
    kind, _sep, lang = key.partition(":")
    if not lang:
        return {"name": _("Name without a language tag"), "official": _("Official name without a language tag"),
                "alias": _("Other name without a language tag")}.get(kind, key)
    return {"name": _("Name in {lang}"), "official": _("Official name in {lang}"),
            "alias": _("Other name in {lang}")}.get(kind, "{lang}").format(lang=lang)


class ImportDialog(Retranslatable, QDialog):
    def __init__(self, context, path: str, parent=None):
        super().__init__(parent)
        self.setObjectName("universityImport")
        self.context = context
        self.path = Path(path)
        self.preview: imports.ImportPreview | None = None
        self.headers: list[str] = []
        self.file_label = QLabel()
        self.format = QComboBox()
        for key in imports.FORMATS:
            self.format.addItem(key.upper() if key != "rankings" else "", key)
        try:
            guessed = imports.guess_format(self.path)
            self.format.setCurrentIndex(self.format.findData(guessed))
        except Exception:  # noqa: BLE001 - the user chooses the format then
            pass
        self.format.currentIndexChanged.connect(lambda _i: self._load_headers())
        self.mapping_box = QGroupBox()
        self.mapping_form = QFormLayout(self.mapping_box)
        self.mapping: dict[str, QComboBox] = {}
        self.preview_button = QPushButton()
        self.preview_button.clicked.connect(self.run_preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        top = QFormLayout()
        self.format_label = QLabel()
        top.addRow(self.format_label, self.format)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        self._load_headers()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import universities"))
        self.file_label.setText(_("File: {path}").format(path=str(self.path)))
        self.format_label.setText(_("Format"))
        self.format.setItemText(self.format.findData("rankings"), _("Ranking table (CSV)"))
        self.format.setItemText(self.format.findData("ror"), _("ROR records (JSON/JSONL)"))
        self.mapping_box.setTitle(_("Columns of the file"))
        titles = _field_titles()
        for row, key in enumerate(self.mapping):
            label = self.mapping_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(titles.get(key) or _name_title(key))
        self.preview_button.setText(_("&Check the file"))
        self.import_button.setText(_("&Import"))
        self.problems.setHorizontalHeaderLabels([_("Line"), _("Field"), _("Problem")])

    def _load_headers(self) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.mapping.clear()
        fmt = self.format.currentData()
        self.mapping_box.setVisible(fmt in ("csv", "xlsx"))
        self.import_button.setEnabled(False)
        if fmt not in ("csv", "xlsx"):
            return
        try:
            self.headers = imports.read_table(self.path, fmt).headers
        except Exception as error:  # noqa: BLE001 - shown in the summary; the user can pick another format
            self.summary.setText(str(error))
            return
        guessed = imports.guess_mapping(self.headers)
        keys = list(imports.TABLE_FIELDS) + [k for k in guessed if ":" in k]
        titles = _field_titles()
        for key in keys:
            combo = QComboBox()
            combo.addItem("—", None)
            for header in self.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(guessed.get(key)), 0))
            self.mapping[key] = combo
            self.mapping_form.addRow(QLabel(titles.get(key) or _name_title(key)), combo)

    def chosen_mapping(self) -> dict[str, str] | None:
        if not self.mapping:
            return None
        return {key: combo.currentData() for key, combo in self.mapping.items() if combo.currentData()}

    def open_preview(self) -> None:
        self.show()
        if self.format.currentData() in ("ror", "rankings"):
            self.run_preview()

    def run_preview(self) -> None:
        db, path, fmt, mapping = self.context.db, self.path, self.format.currentData(), self.chosen_mapping()
        self.import_button.setEnabled(False)
        self.context.runner.run(lambda progress: imports.preview_import(db, path, fmt, mapping, progress),
                                title=_("Checking {name}").format(name=path.name), on_done=self.show_preview,
                                parent=self)

    def show_preview(self, preview: imports.ImportPreview) -> None:
        self.preview = preview
        counts = preview.counts
        text = imports.summary(preview)
        if preview.unmatched:
            text += " " + _("Not matched to a university of the register: {count} (listed below).").format(
                count=len(preview.unmatched))
        if preview.rejected:
            text += "\n" + _("Nothing will be imported until the rejected rows are corrected.")
        self.summary.setText(text)
        rows = [(r.line, r.field, r.message) for r in preview.rejected]
        rows += [(line, _("not matched"), _("{name} ({country})").format(name=name, country=country))
                 for line, name, country in preview.unmatched]
        self.problems.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.problems.setItem(row, column, QTableWidgetItem(str(value)))
        self.import_button.setEnabled(preview.writable and (counts["created"] + counts["updated"]) > 0)

    def run_import(self) -> None:
        if self.preview is None or not self.preview.writable:
            return
        db, preview = self.context.db, self.preview
        self.import_button.setEnabled(False)
        self.context.runner.run(lambda progress: imports.apply_import(db, preview, progress),
                                title=_("Importing {name}").format(name=self.path.name), on_done=self._imported,
                                on_cancelled=lambda: self.summary.setText(_("Cancelled; nothing was changed.")),
                                parent=self)

    def _imported(self, counts: dict) -> None:
        if self.preview is not None:
            self.summary.setText(imports.summary(self.preview, written=True))
        self.accept()
