"""The Reports page through real widgets: build a report, watch its progress, cancel a long one, print."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from sqlalchemy import insert

from desktop_app.exchange.demo import load_demo
from desktop_app.storage.models import University


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def type_path(qtbot, page, path) -> None:
    page.path_edit.clear()
    qtbot.keyClicks(page.path_edit, str(path))


def test_user_builds_a_register_and_sees_progress(main_window, qtbot, tmp_path):
    load_demo(main_window.context.db)
    page = main_window.open_area("reports")
    choose(page.kind_box, "university-register")
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == ["pdf", "xlsx", "csv"]
    assert not page.university_box.isEnabled()
    choose(page.language_box, "kk")
    qtbot.mouseClick(page.draft_box, Qt.MouseButton.LeftButton)
    target = tmp_path / "register.pdf"
    type_path(qtbot, page, target)
    messages: list[str] = []
    original = page._show_progress
    page._show_progress = lambda d, t, m: (messages.append(m), original(d, t, m))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.progress_bar.isVisible() and not page.build_button.isEnabled()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert str(target) in page.status.text()
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert any(messages), "progress was shown while the report was built"
    assert page.build_button.isEnabled() and not page.progress_bar.isVisible()


def test_user_cancels_a_long_report_and_no_file_is_left(main_window, qtbot, tmp_path, monkeypatch):
    from desktop_app.domain.progress import Progress

    original = Progress.check_cancelled

    def slow_check(self):
        # Each page waits (at most 2 s) for the user: the build is still running when Cancel is clicked.
        self._cancelled.wait(2)
        original(self)

    monkeypatch.setattr(Progress, "check_cancelled", slow_check)
    db = main_window.context.db
    with db.transaction(changes={"universities"}) as session:
        session.execute(insert(University), [
            {"uuid": str(uuid.uuid4()), "country_code": "KZ", "display_name": f"Университет № {n:05d}",
             "city": "Алматы", "network_role": "member", "status": "active", "search_text": ""}
            for n in range(6000)])
    page = main_window.open_area("reports")
    choose(page.kind_box, "university-register")
    target = tmp_path / "long.pdf"
    type_path(qtbot, page, target)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress_bar.isVisible() and page.task is not None, timeout=30000)

    assert page.cancel_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert "Cancelled" in page.status.text()
    assert not target.exists() and not list(tmp_path.glob("*.part"))


def test_dossier_needs_a_university_and_prints_with_a_preview(main_window, qtbot, monkeypatch, tmp_path):
    load_demo(main_window.context.db)
    page = main_window.open_area("reports")
    qtbot.waitUntil(lambda: page.university_box.count() > 0, timeout=10000)
    choose(page.kind_box, "university-dossier")
    assert page.university_box.isEnabled()
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == ["pdf"]
    shown = {}

    class FakePreview:
        def __init__(self, printer, parent):
            from PySide6.QtCore import QObject, Signal

            class Emitter(QObject):
                paintRequested = Signal(object)

            self.emitter = Emitter()
            self.paintRequested = self.emitter.paintRequested
            self.printer = printer

        def exec(self):
            from PySide6.QtPrintSupport import QPrinter

            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(page_path))
            self.paintRequested.emit(self.printer)
            shown["done"] = True
            return 0

    import desktop_app.ui.reports.printing as printing

    page_path = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrintPreviewDialog", FakePreview)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.get("done", False), timeout=30000)
    assert page_path.exists() and page_path.stat().st_size > 1000


def test_user_builds_the_joint_calendar_of_a_programme(main_window, qtbot, tmp_path):
    load_demo(main_window.context.db)
    page = main_window.open_area("reports")
    qtbot.waitUntil(lambda: page.programme_box.count() > 0, timeout=10000)
    assert not page.programme_box.isEnabled()  # the register needs no programme
    choose(page.kind_box, "joint-calendar")
    assert page.programme_box.isEnabled() and page.year_box.isEnabled()
    assert not page.university_box.isEnabled()
    assert "Data Science" in page.programme_box.currentText()
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == ["pdf", "xlsx", "csv"]
    choose(page.language_box, "fa")
    page.year_box.clear()
    qtbot.keyClicks(page.year_box, "2027")
    assert page.year_box.value() == 2027
    target = tmp_path / "calendar.pdf"
    type_path(qtbot, page, target)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert target.exists(), page.status.text()
    import subprocess

    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "2027/2028" in text and "2026/2027" not in text
    assert "清华大学" in text  # no Persian name in the register: the name in the state's own language


def test_printed_joint_calendar_lists_each_partners_periods(main_window):
    from desktop_app.reports import registry
    from desktop_app.reports.model import ReportOptions
    from desktop_app.services import curricula
    from desktop_app.ui.reports.printing import text_document

    db = main_window.context.db
    load_demo(db)
    programme_id = curricula.page(db).rows[0].id
    document = registry.gather(db, "joint-calendar", ReportOptions(lang="ru", programme_id=programme_id))
    text = text_document(document).toPlainText()
    assert "清华大学" in text and "Autumn semester" in text  # no Russian name: the state's own language
    assert "Совместный академический календарь" in text


def test_user_compares_the_calendars_of_ticked_universities(main_window, qtbot, tmp_path):
    import csv

    from desktop_app.ui.reports.page import CHOSEN_UNIVERSITIES

    load_demo(main_window.context.db)
    page = main_window.open_area("reports")
    qtbot.waitUntil(lambda: page.calendar_list.count() > 0, timeout=10000)
    choose(page.kind_box, "joint-calendar")
    assert not page.calendar_list.isEnabled()  # the programme's partners are compared
    choose(page.programme_box, CHOSEN_UNIVERSITIES)
    assert page.calendar_list.isEnabled()
    for row in range(page.calendar_list.count()):
        item = page.calendar_list.item(row)
        if item.text().startswith(("Al-Farabi Kazakh National University", "Tsinghua University")):
            item.setCheckState(Qt.CheckState.Checked)
    assert len(page.ticked_universities()) == 2
    choose(page.format_box, "csv")
    page.year_box.clear()
    qtbot.keyClicks(page.year_box, "2026")
    target = tmp_path / "conflicts.csv"
    type_path(qtbot, page, target)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    with open(target, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Academic year" and {row[0] for row in rows[1:]} == {"2026/2027"}
    assert {row[3] for row in rows[1:]} <= {"Al-Farabi Kazakh National University", "Tsinghua University"}
    assert len(rows) == 4


def test_user_builds_the_quality_report_of_all_or_one_programme(main_window, qtbot, tmp_path):
    from desktop_app.ui.reports.page import ALL_PROGRAMMES, CHOSEN_UNIVERSITIES

    load_demo(main_window.context.db)
    page = main_window.open_area("reports")
    qtbot.waitUntil(lambda: page.programme_box.count() > 0, timeout=10000)
    choose(page.kind_box, "programme-quality")
    assert page.programme_box.isEnabled() and page.year_box.isEnabled()
    assert page.programme_box.itemData(0) == ALL_PROGRAMMES and page.programme_box.findData(CHOSEN_UNIVERSITIES) < 0
    choose(page.programme_box, ALL_PROGRAMMES)
    assert page.programme_box.currentText() == "All joint programmes" and page.options().programme_id is None
    page.programme_box.setCurrentIndex(1)
    assert "Data Science" in page.programme_box.currentText() and page.options().programme_id is not None
    target = tmp_path / "quality.pdf"
    type_path(qtbot, page, target)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert target.exists(), page.status.text()
    choose(page.kind_box, "joint-calendar")  # back to a report that needs a programme or chosen universities
    assert page.programme_box.findData(ALL_PROGRAMMES) < 0 and page.programme_box.findData(CHOSEN_UNIVERSITIES) > 0
    assert "Data Science" in page.programme_box.currentText()


def test_user_prints_the_learning_agreement_chosen_with_the_student_only_when_asked(main_window, qtbot, tmp_path):
    import subprocess

    from desktop_app.services import learning_agreements, mobility

    db = main_window.context.db
    load_demo(db)
    changed = next(row for row in learning_agreements.iterate(db) if row.version > 1)
    student = mobility.get(db, changed.mobility_id).draft.person_name
    page = main_window.open_area("reports")
    choose(page.kind_box, "learning-agreement")
    assert page.agreement_box.isEnabled() and not page.body_box.isEnabled() and not page.university_box.isEnabled()
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == ["pdf"]
    assert page.agreement_box.count() == len(list(learning_agreements.iterate(db)))
    assert student not in " ".join(page.agreement_box.itemText(i) for i in range(page.agreement_box.count()))
    choose(page.agreement_box, changed.id)

    def build(target, personal: bool) -> str:
        page.personal_box.setChecked(personal)
        type_path(qtbot, page, target)
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.task is None, timeout=30000)
        return subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout

    without = build(tmp_path / "la.pdf", False)
    assert "Learning agreement" in without and "Version 2" in without and student not in without
    assert student in build(tmp_path / "la-personal.pdf", True)


def test_follow_up_report_of_the_body_chosen(main_window, qtbot):
    from desktop_app.services import bodies

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("reports")
    choose(page.kind_box, "decisions-follow-up")
    assert page.body_box.isEnabled() and not page.agreement_box.isEnabled()
    assert page.body_box.currentData() is None and page.options().body_id is None  # every body by default
    council = next(c.id for c in bodies.choices(db, lang="en") if c.label.startswith("International Council"))
    choose(page.body_box, council)
    assert page.options().body_id == council and page.options().learning_agreement_id is None
    assert [page.format_box.itemData(i) for i in range(page.format_box.count())] == ["pdf", "xlsx", "csv"]
