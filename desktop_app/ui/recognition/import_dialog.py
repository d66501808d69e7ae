"""Import of recognition cases from CSV or XLSX: say which column holds what (guessed from the headers,
in any of the interface languages), check the file in the background, see the rows that can be imported
and every error (line and field), then confirm.

Nothing is written while any row is rejected, unless the user says, in so many words, to import only the
valid rows and leave the others out. The import itself is one transaction: all the rows, or none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.recognition import label
from desktop_app.exchange import recognition_files as files
from desktop_app.i18n import _, available_languages, formatting, ngettext, translator
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.case_fields import FIELD_TITLES

PREVIEW_ROWS = 500  # the preview shows the first rows; every row is checked and imported


def title_variants() -> dict[str, list[str]]:
    """Each field's title in every interface language: a header written as a reader would write it."""
    languages = available_languages()
    return {name: [translator(lang).gettext(FIELD_TITLES[name]) for lang in languages] + [FIELD_TITLES[name]]
            for name in files.IMPORT_FIELDS if name in FIELD_TITLES}


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


class ImportDialog(Retranslatable, QDialog):
    def __init__(self, context, path: str, parent=None):
        super().__init__(parent)
        self.context, self.path = context, Path(path)
        self.preview: files.ImportPreview | None = None
        self.imported: int | None = None
        self.setObjectName("recognition_import")
        self.resize(1000, 620)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.mapping_box = QGroupBox()
        self.mapping_form = QFormLayout(self.mapping_box)
        self.mapping: dict[str, QComboBox] = {}
        self.mapping_labels: dict[str, QLabel] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.mapping_box)
        self.check_button = QPushButton()
        self.check_button.setObjectName("check_file")
        self.check_button.clicked.connect(self.check)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.check_button)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.valid = _table(6)
        self.errors = _table(3)
        self.tabs.addTab(self.valid, "")
        self.tabs.addTab(self.errors, "")
        self.valid_only = QCheckBox()
        self.valid_only.setObjectName("import_valid_only")
        self.valid_only.hide()
        self.valid_only.toggled.connect(lambda _on: self._update_import_button())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.valid_only)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([430, 570])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("confirm_import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.headers: list[str] = []
        self._load_headers()
        self.retranslate()
        if self.headers and self._has_required():
            self.check()

    # texts ----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Import recognition cases"))
        self.file_label.setText(_("File: {path}").format(path=str(self.path)))
        self.mapping_box.setTitle(_("Columns of the file"))
        for name, text in self._titles().items():
            self.mapping_labels[name].setText(text)
        for combo in self.mapping.values():
            combo.setItemText(0, _("— not in the file —"))
        self.check_button.setText(_("&Check the file"))
        self.valid.setHorizontalHeaderLabels([_("Line"), _("Reference"), _("Countries"), _("Qualification"),
                                              _("Received"), _("Outcome")])
        self.errors.setHorizontalHeaderLabels([_("Line"), _("Field"), _("Problem")])
        self.tabs.setTabText(0, _("Valid rows"))
        self.import_button.setText(_("&Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        if self.preview is not None:
            self.show_preview(self.preview)
        else:
            self.tabs.setTabText(1, _("Errors"))
            if not self.summary.text() or self.headers:
                self.summary.setText(_("Choose which column holds what, then check the file.")
                                     if not self._has_required() else _("Checking {file}…").format(
                    file=self.path.name))

    def _titles(self) -> dict[str, str]:
        titles = {}
        for name in files.IMPORT_FIELDS:
            title = _(FIELD_TITLES[name]) if name in FIELD_TITLES else name
            titles[name] = _("{field} (required)").format(field=title) if name in files.REQUIRED_FIELDS else title
        return titles

    # the column mapping ----------------------------------------------------------------------------
    def _load_headers(self) -> None:
        try:
            self.headers = files.read_headers(self.path)
        except Exception as error:  # noqa: BLE001 - shown in words; the user picks another file
            self.headers = []
            self.summary.setText(str(error))
            self.check_button.setEnabled(False)
            return
        guessed = files.guess_mapping(self.headers, title_variants())
        required = list(files.REQUIRED_FIELDS)
        for name in required + [name for name in files.IMPORT_FIELDS if name not in required]:
            combo = QComboBox()
            combo.setObjectName(f"column_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.addItem("", None)
            for header in self.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(guessed.get(name)), 0))
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            self.mapping[name] = combo
            self.mapping_labels[name] = QLabel()
            self.mapping_form.addRow(self.mapping_labels[name], combo)

    def chosen_mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.mapping.items() if combo.currentData()}

    def _has_required(self) -> bool:
        return set(files.REQUIRED_FIELDS) <= set(self.chosen_mapping())

    def _mapping_changed(self) -> None:
        """A new mapping makes the last check stale: nothing can be imported until the file is checked again."""
        self.preview = None
        self.valid.setRowCount(0)
        self.errors.setRowCount(0)
        self.valid_only.hide()
        self.valid_only.setChecked(False)
        self.summary.setText(_("The columns changed: check the file again."))
        self._update_import_button()

    # checking and importing --------------------------------------------------------------------------
    def check(self) -> None:
        if not self._has_required():
            self.summary.setText(_("Choose the column that holds the reference number."))
            return
        db, path, mapping = self.context.db, self.path, self.chosen_mapping()
        self.preview = None
        self._update_import_button()
        self.summary.setText(_("Checking {file}…").format(file=path.name))
        self.context.runner.run(lambda progress: files.preview_import(db, path, progress, mapping),
                                title=_("Checking the file"), on_done=self.show_preview, parent=self,
                                on_error=self._failed)

    def _failed(self, error) -> None:
        self.summary.setText(_("The file cannot be imported."))
        show_error(error, self)

    def show_preview(self, preview: files.ImportPreview) -> None:
        self.preview = preview
        valid, bad = len(preview.drafts), len(preview.error_lines)
        text = ngettext("{count} row can be imported.", "{count} rows can be imported.", valid).format(
            count=formatting.format_number(valid))
        if bad:
            text += " " + ngettext(
                "{count} row has errors: nothing is imported unless you choose to leave it out.",
                "{count} rows have errors: nothing is imported unless you choose to leave them out.", bad).format(
                count=formatting.format_number(bad))
        text += " " + _("New cases: {created}; recorded cases the file changes (named by their reference or UUID): "
                        "{updated}; unchanged: {unchanged}.").format(
            created=formatting.format_number(preview.created), updated=formatting.format_number(preview.updated),
            unchanged=formatting.format_number(len(preview.unchanged)))
        self.summary.setText(text + " " + _("Nothing is written until you press Import."))
        shown = preview.drafts[:PREVIEW_ROWS]
        self.valid.setRowCount(len(shown))
        for r, (line, draft) in enumerate(shown):
            for c, value in enumerate([formatting.format_number(line), draft.reference,
                                       f"{draft.issuing_country} → {draft.recognising_country}",
                                       draft.qualification_title, formatting.format_date(draft.received_on),
                                       label(draft.outcome)]):
                self.valid.setItem(r, c, QTableWidgetItem(value))
        titles = self._titles()
        self.errors.setRowCount(len(preview.errors))
        for r, error in enumerate(preview.errors):
            for c, value in enumerate([formatting.format_number(error.line), titles.get(error.field, error.field),
                                       error.message]):
                self.errors.setItem(r, c, QTableWidgetItem(value))
        self.errors.resizeColumnsToContents()
        self.tabs.setTabText(1, _("Errors ({count})").format(count=formatting.format_number(len(preview.errors))))
        if bad:
            self.tabs.setCurrentIndex(1)
        self.valid_only.setText(ngettext(
            "Import only the {valid} valid rows and leave out the {count} row with errors",
            "Import only the {valid} valid rows and leave out the {count} rows with errors", bad).format(
            valid=formatting.format_number(valid), count=formatting.format_number(bad)))
        self.valid_only.setVisible(bool(bad) and valid > 0)
        self._update_import_button()

    def _update_import_button(self) -> None:
        preview = self.preview
        ready = preview is not None and bool(preview.drafts) and (not preview.errors or self.valid_only.isChecked())
        self.import_button.setEnabled(ready)

    def confirm(self) -> None:
        preview = self.preview
        if preview is None or not preview.drafts or (preview.errors and not self.valid_only.isChecked()):
            return
        self.import_button.setEnabled(False)
        db = self.context.db
        self.context.runner.run(lambda progress: files.commit_import(db, preview, progress),
                                title=_("Importing recognition cases"), on_done=self._done, parent=self,
                                on_cancelled=self._update_import_button, on_error=self._import_failed)

    def _import_failed(self, error) -> None:
        self._update_import_button()
        show_error(error, self)

    def _done(self, count: int) -> None:
        self.imported = count
        QMessageBox.information(self, _("Import finished"),
                                ngettext("Imported {count} case.", "Imported {count} cases.", count).format(
                                    count=formatting.format_number(count)))
        self.accept()
