"""The agreements page driven through its real widgets: the editor validates, the strategic-partnership
warnings appear where they should, the saved agreement shows them, and the change can be undone."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.services import agreements
from desktop_app.ui.agreements.dialog import I_ACTUAL, I_NAME, I_PROGRESS, I_TARGET, P_ROLE, P_UNIVERSITY
from tests.agreements_helpers import network


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def test_strategic_partnership_entered_through_the_gui(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    ids = network(db)
    page = main_window.open_area("agreements")
    from desktop_app.ui.agreements.dialog import AgreementDialog

    seen = {}

    def drive(dialog: AgreementDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Nothing entered: the dialog refuses and says why, next to the fields.
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.result() == 0
        assert dialog.errors["title"].isVisibleTo(dialog)
        assert dialog.errors["parties"].text()

        qtbot.keyClicks(dialog.title, "Joint school of engineering")
        _choose(dialog.kind, "strategic")
        assert dialog.warnings.isVisibleTo(dialog)
        _choose(dialog.approach, "joint_venture")
        _choose(dialog.status, "active")
        dialog.signing_date.set_value(dt.date(2025, 6, 1))
        dialog.valid_from.set_value(dt.date(2025, 9, 1))
        dialog.valid_to.set_value(dt.date(2028, 8, 31))  # three years: shorter than recommended
        qtbot.mouseClick(dialog.add_party, Qt.MouseButton.LeftButton)
        _choose(dialog.parties.cellWidget(0, P_UNIVERSITY), ids["kaznu"])
        assert dialog.parties.cellWidget(0, P_ROLE).currentData() == "national"
        qtbot.mouseClick(dialog.add_party, Qt.MouseButton.LeftButton)
        _choose(dialog.parties.cellWidget(1, P_UNIVERSITY), ids["unranked"])
        assert dialog.parties.cellWidget(1, P_ROLE).currentData() == "foreign"
        dialog.national_staff.setValue(75)
        dialog.foreign_staff.setValue(25)

        qtbot.waitUntil(lambda: "TOP-500" in dialog.warnings.text())
        text = dialog.warnings.text()
        assert "3 years" in text and "Example Technical University" in text
        assert "National staff is 75%" in text and "funding sources" in text

        # Fix what can be fixed; the unranked partner stays and so does its warning.
        dialog.valid_to.set_value(dt.date(2030, 8, 31))
        dialog.national_staff.setValue(70)
        dialog.foreign_staff.setValue(30)
        qtbot.keyClicks(dialog.funding, "State grants; partner contribution")
        qtbot.waitUntil(lambda: "years" not in dialog.warnings.text())
        assert dialog.warnings.text().count("⚠") == 1 and "TOP-500" in dialog.warnings.text()

        # A ranked partner instead: the partnership follows the recommendations.
        _choose(dialog.parties.cellWidget(1, P_UNIVERSITY), ids["ranked"])
        qtbot.waitUntil(lambda: "⚠" not in dialog.warnings.text())
        _choose(dialog.parties.cellWidget(1, P_UNIVERSITY), ids["unranked"])

        qtbot.mouseClick(dialog.add_indicator, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.indicators.cellWidget(0, I_NAME), "Joint graduates")
        dialog.indicators.cellWidget(0, I_TARGET).setValue(20)
        dialog.indicators.cellWidget(0, I_ACTUAL).setValue(15)
        assert dialog.indicators.cellWidget(0, I_PROGRESS).value() == 75

        # An EWP cooperation condition: students from KazNU to the foreign partner.
        from desktop_app.ui.agreements.conditions_table import C_FROM, C_ISCED, C_TO

        dialog.tabs.setCurrentIndex(4)
        qtbot.mouseClick(dialog.conditions.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.result() == 0 and dialog.errors["conditions"].isVisibleTo(dialog)
        cell = dialog.conditions.table.cellWidget
        _choose(cell(0, C_FROM), ids["kaznu"])
        _choose(cell(0, C_TO), ids["unranked"])
        cell(0, C_ISCED).setText("0613")

        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen["accepted"] = dialog.result()
        return dialog.result()

    monkeypatch.setattr(AgreementDialog, "exec", drive)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["accepted"] == 1

    [row] = agreements.list_agreements(db)
    _uuid, stored = agreements.get_agreement(db, row.id)
    assert (stored.kind, stored.approach, stored.valid_to) == ("strategic", "joint_venture", dt.date(2030, 8, 31))
    assert [p.university_id for p in stored.parties] == [ids["kaznu"], ids["unranked"]]
    assert stored.indicators[0].target == 20 and stored.indicators[0].actual == 15

    assert page.selected_id() == row.id
    warnings = [page.warning_list.item(i).text() for i in range(page.warning_list.count())]
    assert len(warnings) == 1 and "TOP-500" in warnings[0]
    assert page.progress_model.rowCount() == 1

    assert [(c.sending_index, c.receiving_index, c.isced_code) for c in stored.conditions] == [(0, 1, "0613")]

    page.undo_stack.undo()
    assert agreements.list_agreements(db) == []
    page.undo_stack.redo()
    [again] = agreements.list_agreements(db)
    assert again.uuid == row.uuid


def test_gui_agreement_exported_to_ewp_and_imported_back(main_window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop_app.exchange.ewp_iia import validation_errors
    from tests.agreements_helpers import bilateral_draft

    db = main_window.context.db
    ids = network(db)
    page = main_window.open_area("agreements")
    draft = bilateral_draft(ids)
    assert page.create_from_draft(draft)
    agreement_id = page.selected_id()
    target = tmp_path / "iia.xml"
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert validation_errors(target.read_bytes()) == []

    uuid, before = agreements.get_agreement(db, agreement_id)
    agreements.delete_agreement(db, agreement_id)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "Imported 1 agreement." in shown[1]
    [row] = agreements.list_agreements(db)
    new_uuid, after = agreements.get_agreement(db, row.id)
    assert new_uuid == uuid
    assert (after.parties, after.conditions, after.valid_from, after.valid_to, after.signing_date) == (
        before.parties, before.conditions, before.valid_from, before.valid_to, before.signing_date)


def test_expiring_agreements_are_highlighted(main_window, qtbot):
    db = main_window.context.db
    ids = network(db)
    from tests.agreements_helpers import bilateral_draft

    soon = bilateral_draft(ids)
    soon.valid_to = dt.date.today() + dt.timedelta(days=20)
    agreements.create_agreement(db, soon)
    later = bilateral_draft(ids)
    later.title, later.valid_to = "Later", dt.date.today() + dt.timedelta(days=2000)
    agreements.create_agreement(db, later)
    page = main_window.open_area("agreements")
    page.refresh()
    model = page.model
    colours = [model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) for r in range(model.rowCount())]
    assert colours[0] is not None and colours[1] is None
    assert "in 20 days" in model.data(model.index(0, 5))
