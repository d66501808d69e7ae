"""Printing a report through Qt's print dialog, with a preview.

PySide6-Essentials has no QtPdf, so the PDF file cannot be rendered by Qt. Instead the report's
document model is typeset a second time as a QTextDocument (built with QTextCursor calls, so no
text from the data is read as markup) and painted by Qt, whose own text engine handles every
script, right-to-left text and font fallback. The printed copy has the same content, headings and
tables; charts are printed as their figures in a small table, and page numbers as "X / Y" are left
to the printer's own options.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextTableFormat
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop_app.reports import model as m


def text_document(document: m.Document) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QFont("Noto Sans", 9))
    cursor = QTextCursor(doc)
    direction = Qt.LayoutDirection.RightToLeft if document.rtl else Qt.LayoutDirection.LeftToRight
    option = doc.defaultTextOption()
    option.setTextDirection(direction)
    doc.setDefaultTextOption(option)

    def block(size: float = 9, bold: bool = False, space: float = 4) -> QTextCharFormat:
        block_format = QTextBlockFormat()
        block_format.setLayoutDirection(direction)
        block_format.setBottomMargin(space)
        cursor.insertBlock(block_format)
        char_format = QTextCharFormat()
        char_format.setFontPointSize(size)
        char_format.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        return char_format

    def table(header: list[str], rows) -> None:
        table_format = QTextTableFormat()
        table_format.setCellPadding(2)
        table_format.setCellSpacing(0)
        table_format.setBorder(0.5)
        table_format.setHeaderRowCount(1)
        table_format.setWidth(doc.pageSize().width() if doc.pageSize().width() > 0 else 500)
        rows = list(rows)
        qt_table = cursor.insertTable(len(rows) + 1, len(header), table_format)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        for column, title in enumerate(header):
            qt_table.cellAt(0, column).firstCursorPosition().insertText(title, bold)
        for r, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                qt_table.cellAt(r, column).firstCursorPosition().insertText("" if value is None else str(value))
        cursor.movePosition(QTextCursor.MoveOperation.End)

    cursor.insertText(document.title, block(18, True, 8))
    if document.subtitle:
        cursor.insertText(document.subtitle, block(11, False, 8))
    for line in document.cover_lines if document.cover else []:
        cursor.insertText(line, block(9))
    for item in document.blocks:
        if isinstance(item, m.Heading):
            cursor.insertText(item.text, block(14 if item.level == 1 else 11, True, 6))
        elif isinstance(item, m.Text):
            cursor.insertText(item.text, block(8 if item.style == "note" else 9))
        elif isinstance(item, m.KeyValues):
            table(["", ""], item.items)
        elif isinstance(item, m.Table):
            table([c.title for c in item.columns], item.rows)
        elif isinstance(item, m.YearPlanner):  # printed as its rows' spans, in order
            cursor.insertText(item.title, block(10, True))
            from desktop_app.i18n.formatting import format_date

            lang = document.options.lang
            table(["", ""], [(row.label, "; ".join(
                f"{format_date(start, 'short', lang)} – {format_date(end, 'short', lang)} {title}".strip()
                for start, end, _colour, title in row.spans)) for row in item.rows])
        elif isinstance(item, m.Chart) and any(item.values):
            cursor.insertText(item.title, block(10, True))
            table(["", ""], zip(item.labels, item.value_labels or item.values, strict=True))
    return doc


def print_with_preview(document: m.Document, parent: QWidget | None = None,
                       dialog_class=None) -> int:
    """Show Qt's print preview (with its print button); returns the dialog's result."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document.title)
    text = text_document(document)
    dialog = (dialog_class or QPrintPreviewDialog)(printer, parent)
    dialog.paintRequested.connect(lambda target: text.print_(target))
    return dialog.exec()
