"""The Organisations page through real widgets: add with names, kind, country and a standing; edit; undo
and redo; delete after asking and undo the delete; a refused draft shows its message beside the field;
the filters and search; the table model without a view; the organisation picker."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.organisations import OrganisationDraft, StandingDraft
from desktop_app.domain.universities import NameDraft
from desktop_app.services import organisations
from desktop_app.services.organisations import OrganisationQuery
from desktop_app.ui.common.choosers import OrganisationPicker
from desktop_app.ui.organisations.editor import OrganisationEditor
from desktop_app.ui.organisations.model import COL_COUNTRY, COL_KIND, COL_NAME, COL_STANDING, OrganisationTableModel

SEEDED = 10  # the organisations the source documents name, in every database


def _page(main_window, qtbot):
    page = main_window.open_area("organisations")
    qtbot.waitUntil(lambda: page.model.db is not None, timeout=10000)
    return page


def _run_editor(monkeypatch, fill):
    seen = []

    def fake_exec(editor):
        seen.append(editor)
        fill(editor)
        return editor.result()

    monkeypatch.setattr(OrganisationEditor, "exec", fake_exec)
    return seen


def _ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_add_edit_undo_delete(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    assert page.model.total == SEEDED

    def fill_new(editor):
        editor.kind.setCurrentIndex(editor.kind.findData("accreditation_agency"))
        editor.names.table.item(0, 0).setText("Тәуелсіз аккредиттеу және рейтинг агенттігі")
        editor.names.table.cellWidget(0, 1).set_value("kk")
        editor.names.table.item(1, 0).setText("Independent Agency for Accreditation and Rating")
        editor.country.setCurrentIndex(editor.country.findData("KZ"))
        qtbot.keyClicks(editor.acronym, "IAAR")
        row = editor.standings.add_row(StandingDraft("eqar_registered", dt.date(2017, 6, 20), dt.date(2027, 6, 30)))
        assert editor.standings.table.cellWidget(row, 0).currentData() == "eqar_registered"
        _ok(qtbot, editor)

    _run_editor(monkeypatch, fill_new)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == SEEDED + 1, timeout=5000)
    organisation_id = page.selected_id()
    stored = organisations.get(db, organisation_id).draft
    assert stored.acronym == "IAAR" and stored.standings[0].valid_to == dt.date(2027, 6, 30)

    def fill_edit(editor):
        qtbot.keyClicks(editor.city, "Astana")
        _ok(qtbot, editor)

    _run_editor(monkeypatch, fill_edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert organisations.get(db, organisation_id).draft.city == "Astana"
    main_window.act_undo.trigger()
    assert organisations.get(db, organisation_id).draft.city == ""
    main_window.act_redo.trigger()
    assert organisations.get(db, organisation_id).draft.city == "Astana"

    page.select_id(organisation_id)
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == SEEDED, timeout=5000)
    assert "Independent Agency" in message_box_answers.shown[-1]["text"]
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.model.total == SEEDED + 1, timeout=5000)
    assert organisations.get(db, organisation_id).draft.city == "Astana"


def test_a_refused_draft_shows_its_message_and_writes_nothing(main_window, qtbot, monkeypatch):
    page = _page(main_window, qtbot)

    def fill(editor):
        editor.kind.setCurrentIndex(editor.kind.findData("ministry"))
        editor.names.table.item(1, 0).setText("Ministry of Education")
        editor.country.setCurrentIndex(0)  # no country: only an international body may have none
        qtbot.keyClicks(editor.website, "not a site")
        _ok(qtbot, editor)

    seen = _run_editor(monkeypatch, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = seen[0]
    assert not editor.errors["country_code"].isHidden() and "not a web address" in editor.errors["website"].text()
    assert organisations.count(main_window.context.db) == SEEDED
    assert page.undo_stack.count() == 0


def test_filters_and_search(main_window, qtbot):
    page = _page(main_window, qtbot)
    page.kind.setCurrentIndex(page.kind.findData("ministry"))
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=5000)
    page.country.setCurrentIndex(page.country.findData("KZ"))
    page.search.setText("науки")  # the ministry's Russian name
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    page.search.setText("nothing of the kind")
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
    assert page.empty_state.isVisible() or not page.isVisible()


def test_the_model_without_a_view(sqlite_db):
    organisations.create(sqlite_db, OrganisationDraft(
        "qa_agency", [NameDraft("Independent Kazakh Agency for Quality Assurance in Education", "en")], "KZ",
        "IQAA", standings=[StandingDraft("eqar_registered", dt.date(2017, 6, 20), None)]))
    model = OrganisationTableModel(today=dt.date(2024, 1, 1))
    model.set_query(OrganisationQuery(kind="qa_agency"))
    model.set_database(sqlite_db)
    assert model.rowCount() == 1
    index = model.index(0, COL_NAME)
    assert model.data(index) == "Independent Kazakh Agency for Quality Assurance in Education"
    assert model.data(model.index(0, COL_KIND)) == "Quality assurance agency"
    assert model.data(model.index(0, COL_COUNTRY)) == "Kazakhstan"
    assert model.data(model.index(0, COL_STANDING)) == "Registered in EQAR"
    from desktop_app.ui.common.keyset_model import SORT_ROLE

    assert model.data(model.index(0, COL_COUNTRY), SORT_ROLE) == "KZ"
    model.sort(COL_COUNTRY, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "country" and model.query.descending


def test_the_picker_lists_organisations_of_a_kind(qtbot, sqlite_db, monkeypatch):
    picker = OrganisationPicker(sqlite_db, kind="ministry")
    qtbot.addWidget(picker)
    assert picker.count() == 2 and not picker.isEditable()
    monkeypatch.setattr(OrganisationPicker, "LIST_WHOLE", 3)
    monkeypatch.setattr(OrganisationPicker, "SHOWN", 2)
    everything = OrganisationPicker(sqlite_db, allow_none=True)
    qtbot.addWidget(everything)
    assert everything.isEditable() and everything.itemData(0) is None and everything.itemData(3) is None
    everything.refill("ENQA")
    assert [everything.itemText(i) for i in range(1, everything.count())] == [
        "European Association for Quality Assurance in Higher Education (Belgium)"]
