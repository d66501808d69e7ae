"""The agreements page driven through its real widgets: the editor validates, the strategic-partnership
warnings appear where they should, every change (new, edit, delete, a document attached or removed, an
EWP import) is one step of Edit ▸ Undo that brings back exactly what was there, deletes ask first, and a
draft left by a crash is offered back."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from desktop_app.domain.agreements import IndicatorDraft
from desktop_app.services import agreements, records
from desktop_app.services.agreement_search import AgreementQuery
from desktop_app.storage import snapshots
from desktop_app.ui.agreements.dialog import I_ACTUAL, I_NAME, I_PROGRESS, I_TARGET, P_ROLE, P_UNIVERSITY
from desktop_app.ui.agreements.model import COL_ENDS, COL_KIND, COL_STATUS, COL_TITLE
from tests.agreements_helpers import bilateral_draft, network


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def _rows(db, **query):
    return list(agreements.iterate(db, AgreementQuery(**query)))


def _fingerprint(db, agreement_id):
    return snapshots.fingerprint(records.snapshot_of(db, agreements.KIND, agreement_id))


def test_strategic_partnership_entered_through_the_gui(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    ids = network(db)
    page = main_window.open_area("agreements")
    from desktop_app.ui.agreements.dialog import AgreementEditor

    seen = {}

    def drive(dialog: AgreementEditor) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Nothing entered: the editor refuses and says why, next to the fields.
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.result() == 0
        assert dialog.errors["title"].isVisibleTo(dialog)
        assert dialog.errors["parties"].text()
        assert _rows(db) == []

        qtbot.keyClicks(dialog.title, "Joint school of engineering")
        _choose(dialog.kind, "strategic")
        assert dialog.warnings.isVisibleTo(dialog)
        _choose(dialog.approach, "joint_venture")
        _choose(dialog.status, "active")
        dialog.signing_date.set_value(dt.date(2025, 6, 1))
        dialog.valid_from.set_value(dt.date(2025, 9, 1))
        dialog.valid_to.set_value(dt.date(2028, 8, 31))  # three years: shorter than recommended
        qtbot.mouseClick(dialog.add_party, Qt.MouseButton.LeftButton)
        assert dialog.parties.cellWidget(0, P_UNIVERSITY).value() is None  # a new party starts empty
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

    monkeypatch.setattr(AgreementEditor, "exec", drive)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["accepted"] == 1

    [row] = _rows(db)
    stored = agreements.get(db, row.id).draft
    assert (stored.kind, stored.approach, stored.valid_to) == ("strategic", "joint_venture", dt.date(2030, 8, 31))
    assert [p.university_id for p in stored.parties] == [ids["kaznu"], ids["unranked"]]
    assert stored.indicators[0].target == 20 and stored.indicators[0].actual == 15
    assert [(c.sending_index, c.receiving_index, c.isced_code) for c in stored.conditions] == [(0, 1, "0613")]

    assert page.selected_id() == row.id
    warnings = [page.warning_list.item(i).text() for i in range(page.warning_list.count())]
    assert len(warnings) == 1 and "TOP-500" in warnings[0]
    assert page.progress_model.rowCount() == 1

    page.undo_stack.undo()
    assert _rows(db) == []
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)  # changes are announced after the commit
    page.undo_stack.redo()
    [again] = _rows(db)
    assert again.uuid == row.uuid
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_an_edit_is_one_undo_step(main_window, qtbot, monkeypatch):
    from desktop_app.ui.agreements.dialog import AgreementEditor

    db = main_window.context.db
    agreement_id = agreements.create(db, bilateral_draft(network(db)))
    before = _fingerprint(db, agreement_id)
    page = main_window.open_area("agreements")
    page.select_id(agreement_id)

    def drive(dialog: AgreementEditor) -> int:
        assert dialog.windowTitle() == "Edit agreement" and not dialog.has_unsaved_changes()
        dialog.title.setText("Renamed exchange")
        dialog.append_indicator(IndicatorDraft("Students exchanged", 2026, 10))
        assert dialog.has_unsaved_changes()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(AgreementEditor, "exec", drive)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    stored = agreements.get(db, agreement_id).draft
    assert stored.title == "Renamed exchange" and [i.name for i in stored.indicators] == ["Students exchanged"]
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, COL_TITLE)) == "Renamed exchange")
    page.undo_stack.undo()
    assert _fingerprint(db, agreement_id) == before
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, COL_TITLE)) == "KazNU–Tsinghua exchange")


def test_delete_asks_first_and_undo_brings_back_documents_byte_for_byte(main_window, qtbot, monkeypatch,
                                                                        message_box_answers, tmp_path):
    db = main_window.context.db
    draft = bilateral_draft(network(db))
    draft.indicators = [IndicatorDraft("Students exchanged", 2025, 10, 7, "students")]
    agreement_id = agreements.create(db, draft)
    page = main_window.open_area("agreements")
    page.select_id(agreement_id)

    scan, annex = tmp_path / "signed.pdf", tmp_path / "annex.xlsx"
    scan.write_bytes(bytes(range(256)) * 40)
    annex.write_bytes("Приложение — 附件".encode() + b"\x00\xff")
    for path in (scan, annex):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, p=path, **kwargs: (str(p), ""))
        qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    assert [d.file_name for d in agreements.list_documents(db, agreement_id)] == ["signed.pdf", "annex.xlsx"]
    qtbot.waitUntil(lambda: page.documents.count() == 2)
    assert "signed.pdf" in page.documents.item(0).text()
    before = _fingerprint(db, agreement_id)

    message_box_answers.append("Cancel")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete “KazNU–Tsinghua exchange”" in message_box_answers.shown[-1]["text"]
    assert _fingerprint(db, agreement_id) == before  # Cancel: nothing happened

    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert _rows(db) == [] and agreements.list_documents(db, agreement_id) == []
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)

    main_window.act_undo.trigger()  # Edit ▸ Undo
    assert _fingerprint(db, agreement_id) == before
    from desktop_app.services import documents

    stored = {d.file_name: documents.document_content(db, d.id)[1] for d in agreements.list_documents(db, agreement_id)}
    assert stored == {"signed.pdf": scan.read_bytes(), "annex.xlsx": annex.read_bytes()}
    restored = agreements.get(db, agreement_id).draft
    assert restored == draft
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    main_window.act_redo.trigger()
    assert _rows(db) == []
    main_window.act_undo.trigger()
    assert _fingerprint(db, agreement_id) == before


def test_documents_attached_and_removed_are_undone(main_window, qtbot, monkeypatch, message_box_answers, tmp_path):
    db = main_window.context.db
    agreement_id = agreements.create(db, bilateral_draft(network(db)))
    page = main_window.open_area("agreements")
    page.select_id(agreement_id)
    assert not page.remove_document_button.isEnabled()
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"signed in Astana")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    assert [d.file_name for d in agreements.list_documents(db, agreement_id)] == ["minutes.txt"]
    assert page.undo_stack.undoText() == "Attach minutes.txt"
    page.undo_stack.undo()
    assert agreements.list_documents(db, agreement_id) == []
    page.undo_stack.redo()
    [document] = agreements.list_documents(db, agreement_id)
    qtbot.waitUntil(lambda: page.documents.item(0).data(Qt.ItemDataRole.UserRole + 1) == document.id)
    page.documents.setCurrentRow(0)
    assert page.remove_document_button.isEnabled()
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.remove_document_button, Qt.MouseButton.LeftButton)
    assert agreements.list_documents(db, agreement_id) == []
    page.undo_stack.undo()
    assert agreements.list_documents(db, agreement_id) == [document]
    qtbot.waitUntil(lambda: page.documents.item(0).data(Qt.ItemDataRole.UserRole + 1) == document.id)
    target = tmp_path / "copy.txt"
    page.documents.setCurrentRow(0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    qtbot.mouseClick(page.save_document_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == b"signed in Astana"


def test_gui_agreement_exported_to_ewp_and_imported_back_as_one_undo_step(main_window, qtbot, monkeypatch,
                                                                          message_box_answers, tmp_path):
    from desktop_app.exchange.ewp_iia import validation_errors

    db = main_window.context.db
    draft = bilateral_draft(network(db))
    agreement_id = agreements.create(db, draft)
    uuid = agreements.get(db, agreement_id).uuid
    page = main_window.open_area("agreements")
    page.select_id(agreement_id)
    target = tmp_path / "iia.xml"
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert validation_errors(target.read_bytes()) == []

    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert _rows(db) == []
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "ewp_dialog", None) is not None and page.ewp_dialog.isVisible())
    assert "created: 1" in page.ewp_dialog.summary.text() and _rows(db) == []  # a preview writes nothing
    qtbot.mouseClick(page.ewp_dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "Imported 1 agreement." in shown[1]
    [row] = _rows(db)
    after = agreements.get(db, row.id)
    assert after.uuid == uuid
    assert (after.draft.parties, after.draft.conditions, after.draft.valid_from, after.draft.valid_to) == (
        draft.parties, draft.conditions, draft.valid_from, draft.valid_to)
    assert page.selected_id() == row.id

    assert page.undo_stack.undoText() == "Import 1 agreement from EWP"
    page.undo_stack.undo()  # the import, as one step
    assert _rows(db) == []
    page.undo_stack.redo()
    assert [r.uuid for r in _rows(db)] == [uuid]


def test_gui_ewp_import_shows_what_changes_and_undo_puts_the_agreement_back(main_window, qtbot, monkeypatch,
                                                                            tmp_path):
    db = main_window.context.db
    original = bilateral_draft(network(db))
    original.kind, original.approach, original.title = "strategic", "joint_programmes", "Joint school"
    agreement_id = agreements.create(db, original)
    from desktop_app.exchange.ewp_iia import export_agreement

    target = export_agreement(db, agreement_id, tmp_path / "iia.xml")
    target.write_text(target.read_text(encoding="utf-8").replace("Li, Vice-President", "Wang, President"),
                      encoding="utf-8")
    page = main_window.open_area("agreements")
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "ewp_dialog", None) is not None and page.ewp_dialog.isVisible())
    tree = page.ewp_dialog.tree
    change = tree.topLevelItem(0).child(0)
    assert [change.text(i) for i in range(3)] == ["Signatory of Tsinghua University", "Li, Vice-President",
                                                  "Wang, President"]
    qtbot.mouseClick(page.ewp_dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert "1 agreement on record was changed." in shown[0]
    stored = agreements.get(db, agreement_id).draft
    assert stored.parties[1].signatory == "Wang, President" and stored.kind == "strategic"
    assert stored.title == "Joint school"
    page.undo_stack.undo()
    assert agreements.get(db, agreement_id).draft == original


def test_a_broken_ewp_file_is_refused_and_nothing_is_written(main_window, qtbot, monkeypatch, tmp_path):
    from desktop_app.exchange import ewp_iia

    db = main_window.context.db
    network(db)
    page = main_window.open_area("agreements")
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<iias-get-response xmlns="{ewp_iia.NS}"><iia/></iias-get-response>', encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "bad.xml is not a valid EWP IIA v7 file" in warnings[0] and "Traceback" not in warnings[0]
    assert _rows(db) == [] and page.undo_stack.count() == 0


def test_expiring_agreements_follow_the_warning_period_of_the_preferences(main_window, qtbot):
    from desktop_app.ui.core import settings

    db = main_window.context.db
    ids = network(db)
    soon = bilateral_draft(ids)
    soon.valid_to = dt.date.today() + dt.timedelta(days=20)
    agreements.create(db, soon)
    later = bilateral_draft(ids)
    later.title, later.valid_to = "Later", dt.date.today() + dt.timedelta(days=2000)
    agreements.create(db, later)
    page = main_window.open_area("agreements")
    model = page.model
    colours = [model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) for r in range(model.rowCount())]
    assert colours[0] is not None and colours[1] is None
    assert "in 20 days" in model.data(model.index(0, COL_ENDS))
    assert page.expiring_filter.text() == "Ending within 90 days"
    page.expiring_filter.setChecked(True)
    assert model.rowCount() == 1 and page.count_label.text() == "1 agreement"

    main_window.context.preferences.set(settings.AGREEMENT_WARNING_DAYS, 10)
    main_window.open_area("universities")
    main_window.open_area("agreements")  # the page follows the preference when shown again
    assert page.expiring_filter.text() == "Ending within 10 days"
    assert model.rowCount() == 0
    page.expiring_filter.setChecked(False)
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # 20 days: no longer "soon"


def test_a_draft_held_when_the_application_died_is_offered_back(main_window, qtbot, monkeypatch,
                                                               message_box_answers):
    from desktop_app.ui.agreements.dialog import AgreementEditor
    from desktop_app.ui.core import drafts

    db = main_window.context.db
    agreement_id = agreements.create(db, bilateral_draft(network(db)))
    page = main_window.open_area("agreements")
    record = agreements.get(db, agreement_id)
    editor = AgreementEditor(db, lambda draft: None, record.draft, "KZ", page, agreement_id, is_new=False)
    qtbot.addWidget(editor)
    editor.title.setText("Exchange with Tsinghua, renewed")
    editor._journal()  # what the journal timer does while the user types
    assert [entry.record_id for entry in drafts.pending(db.url)] == [agreement_id]
    editor.hide()  # the application dies: the dialog never closes, the journal stays

    opened: list[AgreementEditor] = []

    def fake_exec(dialog):
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AgreementEditor, "exec", fake_exec)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    assert "Exchange with Tsinghua, renewed" in message_box_answers.shown[-1]["text"]
    [recovered] = opened
    assert recovered.title.text() == "Exchange with Tsinghua, renewed" and recovered.record_id == agreement_id
    assert recovered.has_unsaved_changes()
    assert recovered.draft().parties == record.draft.parties


def test_escape_with_changes_asks_before_the_edit_is_lost(main_window, qtbot, message_box_answers):
    from desktop_app.ui.agreements.dialog import AgreementEditor

    db = main_window.context.db
    network(db)
    saved = []
    editor = AgreementEditor(db, saved.append, None, "KZ")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.title, "Memorandum")
    message_box_answers.append("Cancel")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.title.text() == "Memorandum"
    message_box_answers.append("Save")  # refused: no parties; the editor stays open and says why
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and saved == [] and editor.errors["parties"].text()
    message_box_answers.append("Discard")
    editor.close()
    assert not editor.isVisible() and saved == []


def _shown_words(page):
    """What the page shows that a language switch must change: kinds, statuses, end dates, the recommendations'
    warnings, the document's size, the count and the filter (titles and names are the records' own)."""
    model = page.model
    cells = [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in (COL_KIND, COL_STATUS, COL_ENDS)]
    details = [page.warning_list.item(i).text() for i in range(page.warning_list.count())]
    return [text for text in cells + details + [page.documents.item(0).text(), page.count_label.text(),
                                               page.expiring_filter.text(), page.heading.text()] if text != "—"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_page_follows_a_language_switch(main_window, qtbot, qapp, lang):
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.core.language import apply_language

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("agreements")
    strategic = next(r for r in _rows(db) if r.kind == "strategic")
    agreements.attach_document(db, strategic.id, "scan.pdf", b"x" * 3000)
    page.select_id(strategic.id)
    english = _shown_words(page)
    assert "Strategic partnership" in english and "2.9 KB" in page.documents.item(0).text()
    apply_language(qapp, lang)
    assert page.selected_id() == strategic.id  # the page keeps its state
    switched = _shown_words(page)
    assert len(switched) == len(english)
    assert not set(english) & set(switched), set(english) & set(switched)
    apply_language(qapp, "en")
    assert _shown_words(page) == english


def test_the_dashboard_counts_and_names_the_warning_period_of_the_preferences(main_window, qtbot, qapp):
    from desktop_app.ui.core import settings
    from desktop_app.ui.core.language import apply_language

    db = main_window.context.db
    ids = network(db)
    for days in (20, 45):
        draft = bilateral_draft(ids)
        draft.valid_to = dt.date.today() + dt.timedelta(days=days)
        agreements.create(db, draft)
    main_window.context.preferences.set(settings.AGREEMENT_WARNING_DAYS, 30)
    page = main_window.open_area("dashboard")
    page.refresh()
    qtbot.waitUntil(lambda: "expiring_agreements" in page.cards
                    and page.cards["expiring_agreements"].caption.text() == "Agreements expiring within 30 days",
                    timeout=10000)
    card = page.cards["expiring_agreements"]
    assert card.value.text() == "1" and page.expiring_list.count() == 1
    main_window.context.preferences.set(settings.AGREEMENT_WARNING_DAYS, 1)
    page.refresh()
    qtbot.waitUntil(lambda: card.caption.text() == "Agreements expiring within 1 day", timeout=10000)
    assert card.value.text() == "0" and page.expiring_list.item(0).text().startswith("No agreement")
    apply_language(qapp, "ru")
    assert card.caption.text() == "Соглашения, истекающие в течение 1 дня"
    apply_language(qapp, "en")


def test_organisations_added_as_parties_in_the_editor_are_one_undo_step_and_named_by_the_ewp_export(
        main_window, qtbot, monkeypatch, tmp_path):
    """A ministry and an agency chosen in the editor's Parties tab are saved, listed beside the
    universities, undone in one step, and the EWP export says it leaves them out."""
    from desktop_app.domain.agreements import OrganisationPartyDraft, PartyRole
    from desktop_app.domain.drafts_json import from_jsonable, to_jsonable
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.domain.universities import NameDraft
    from desktop_app.services import organisations
    from desktop_app.ui.agreements.dialog import AgreementEditor
    from desktop_app.ui.agreements.model import COL_PARTIES
    from desktop_app.ui.agreements.organisation_parties import O_DATE, O_ORGANISATION, O_ROLE, O_SIGNATORY

    db = main_window.context.db
    agreement_id = agreements.create(db, bilateral_draft(network(db)))
    ministry = organisations.create(db, OrganisationDraft("ministry", [NameDraft("Ministry of Education", "en")], "KZ"))
    agency = organisations.create(db, OrganisationDraft("accreditation_agency", [NameDraft("IQAA", "en")], "KZ"))
    before = _fingerprint(db, agreement_id)
    page = main_window.open_area("agreements")
    page.select_id(agreement_id)

    def drive(dialog: AgreementEditor) -> int:
        editor = dialog.organisation_parties
        for organisation, role in ((ministry, PartyRole.NATIONAL), (agency, PartyRole.MEMBER)):
            qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
            row = editor.table.rowCount() - 1
            _choose(editor.table.cellWidget(row, O_ORGANISATION), organisation)
            _choose(editor.table.cellWidget(row, O_ROLE), str(role))
        editor.table.cellWidget(0, O_SIGNATORY).setText("Vice-Minister")
        editor.table.cellWidget(0, O_DATE).set_value(dt.date(2025, 5, 21))
        assert dialog.has_unsaved_changes()
        # The draft journaled for crash recovery comes back with its organisations.
        assert from_jsonable(type(dialog.draft()), to_jsonable(dialog.draft())) == dialog.draft()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(AgreementEditor, "exec", drive)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert agreements.get(db, agreement_id).draft.organisation_parties == [
        OrganisationPartyDraft(ministry, PartyRole.NATIONAL, "Vice-Minister", dt.date(2025, 5, 21)),
        OrganisationPartyDraft(agency, PartyRole.MEMBER, "")]
    qtbot.waitUntil(lambda: "IQAA" in page.model.data(page.model.index(0, COL_PARTIES)))
    assert "Ministry of Education" in page.model.data(page.model.index(0, COL_PARTIES), Qt.ItemDataRole.ToolTipRole)

    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "iia.xml"), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert "satisfies the EWP IIA v7 schema" in shown[0]
    assert ("higher education institutions only; Ministry of Education and IQAA are left out of the file"
            in shown[0])

    page.undo_stack.undo()
    assert _fingerprint(db, agreement_id) == before
    qtbot.waitUntil(lambda: "IQAA" not in page.model.data(page.model.index(0, COL_PARTIES)))
