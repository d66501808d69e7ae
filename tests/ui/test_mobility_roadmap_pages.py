"""Mobility & events and the road map, through their real widgets."""

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.domain.mobility import MobilityDraft
from desktop_app.services import mobility, roadmap
from tests.agreements_helpers import network


def test_mobility_list_masks_personal_data_until_revealed_and_matrix_counts(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    ids = network(db)
    page = main_window.open_area("mobility")
    from desktop_app.ui.mobility.dialogs import MobilityDialog

    def drive(dialog: MobilityDialog) -> int:
        qtbot.keyClicks(dialog.person_name, "Aigerim Sadykova")
        dialog.sending.select(ids["kaznu"])
        dialog.receiving.select(ids["kaznu"])
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.result() == 0 and dialog.errors["receiving_university_id"].isVisibleTo(dialog)
        dialog.receiving.select(ids["ranked"])
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MobilityDialog, "exec", drive)
    qtbot.mouseClick(page.new_mobility, Qt.MouseButton.LeftButton)
    mobility.create_mobility(db, MobilityDraft("faculty", "guest_lecture", ids["ranked"], ids["enu"],
                                               dt.date(2025, 3, 1), dt.date(2025, 3, 8), person_name="Li Wei"))
    page.refresh()
    model = page.mobility_model

    def names():
        return {model.data(model.index(r, 0)) for r in range(model.rowCount())}

    qtbot.waitUntil(lambda: names() == {"A. S.", "L. W."})
    page.reveal.setChecked(True)
    qtbot.waitUntil(lambda: names() == {"Aigerim Sadykova", "Li Wei"})

    matrix = page.matrix_model
    states = matrix.states
    assert states == ["CN", "KZ"]
    assert matrix.data(matrix.index(states.index("CN"), states.index("KZ")), Qt.ItemDataRole.UserRole) == 1
    assert matrix.data(matrix.index(states.index("KZ"), states.index("CN")), Qt.ItemDataRole.UserRole) == 1

    page.undo_stack.undo()  # the record entered in the dialog goes away again
    assert [r.person_name for r in mobility.list_mobility(db, reveal_personal=True)] == ["Li Wei"]


def test_roadmap_highlights_overdue_actions_and_undoes_status_changes(main_window, qtbot):
    db = main_window.context.db
    page = main_window.open_area("roadmap")
    model = page.action_model
    assert model.rowCount() == 5
    overdue = [model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) is not None for r in range(5)]
    assert overdue == [a.overdue for a in roadmap.list_actions(db)]
    assert all(overdue)  # every deadline of the concept paper has passed and nothing is done yet

    page.action_table.selectRow(0)
    page.status.setCurrentIndex(page.status.findData("done"))
    qtbot.keyClicks(page.notes, "Concept paper circulated")
    qtbot.mouseClick(page.save_status, Qt.MouseButton.LeftButton)
    first = roadmap.list_actions(db)[0]
    assert (first.status, first.overdue, first.notes) == ("done", False, "Concept paper circulated")
    # The page hears of the change through the change bus and repaints the row unhighlighted.
    qtbot.waitUntil(lambda: model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None)
    page.undo_stack.undo()
    assert roadmap.list_actions(db)[0].status == "planned"


def test_a_document_attached_to_an_event_keeps_its_checksum(main_window, qtbot, monkeypatch, tmp_path):
    import hashlib

    from PySide6.QtWidgets import QFileDialog

    from desktop_app.domain.mobility import EventDraft
    from desktop_app.services import documents

    db = main_window.context.db
    ids = network(db)
    event_id = mobility.create_event(db, EventDraft("workshop", "Water diplomacy workshop", dt.date(2025, 5, 5),
                                                    dt.date(2025, 5, 6), ids["enu"], [ids["ranked"]], 30))
    page = main_window.open_area("mobility")
    qtbot.waitUntil(lambda: page.event_model.rowCount() == 1)
    page.event_table.selectRow(0)
    report = tmp_path / "outcome.pdf"
    report.write_bytes(b"%PDF-1.4 workshop outcome")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(report), ""))
    qtbot.mouseClick(page.attach_event, Qt.MouseButton.LeftButton)
    [info] = documents.list_documents(db, "event", event_id)
    assert info.sha256 == hashlib.sha256(report.read_bytes()).hexdigest()
    qtbot.waitUntil(lambda: page.event_model.row_at(0).documents == 1)
    page.undo_stack.undo()
    assert documents.list_documents(db, "event", event_id) == []
