"""The Recognition page's other tabs through real widgets: equivalence rules edited and deleted with undo
(cases following a deleted rule are linked to it again), the import with a column mapping and a preview that
writes nothing while rows are rejected, and the statistics with their charts and data-protection log."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from desktop_app.domain.recognition import CaseDraft, RuleDraft
from desktop_app.services import recognition_cases as cases
from desktop_app.services import recognition_rules as rules
from desktop_app.services import records
from desktop_app.services.recognition_queries import CaseFilter, count_cases
from desktop_app.ui.recognition.import_dialog import ImportDialog
from desktop_app.ui.recognition.rules import RuleDialog
from desktop_app.ui.recognition.widgets import select_data


def _click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialogs(monkeypatch, cls) -> list:
    opened: list = []

    def fake_exec(dialog):
        dialog.show()
        opened.append(dialog)
        return 0

    monkeypatch.setattr(cls, "exec", fake_exec)
    return opened


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_rules_are_added_edited_and_undone_through_the_dialog(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    page = main_window.open_area("recognition")
    page.tabs.setCurrentWidget(page.rules_tab)
    tab = page.rules_tab
    opened = _dialogs(monkeypatch, RuleDialog)
    _click(qtbot, tab.add_button)
    dialog = opened[-1]
    _click(qtbot, _ok(dialog))  # refused, each problem beside its field
    assert dialog.isVisible() and dialog.errors["from_country"].isVisible()
    assert dialog.errors["recognised_as"].text() == "Enter what the qualification is recognised as."
    select_data(dialog.fields["from_country"], "KZ")
    select_data(dialog.fields["to_country"], "TR")
    dialog.fields["qualification_title"].insert("Бакалавр")
    dialog.fields["recognised_as"].insert("Lisans")
    select_data(dialog.fields["isced_level"], "6")
    _click(qtbot, _ok(dialog))
    assert not dialog.isVisible()
    [rule] = rules.list_rules(db)
    assert (rule["from_country"], rule["to_country"], rule["isced_level"]) == ("KZ", "TR", "6")
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 1)
    assert tab.matrix.item(0, 0).text() == "1" and tab.matrix.verticalHeaderItem(0).text() == "Kazakhstan"
    tab.rules.selectRow(0)
    _click(qtbot, tab.edit_button)
    dialog = opened[-1]
    dialog.fields["conditions"].setPlainText("Bridging course")
    _click(qtbot, _ok(dialog))
    assert rules.get(db, rule["id"]).draft.conditions == "Bridging course"
    assert page.undo_stack.undoText() == "Edit equivalence rule KZ Бакалавр → TR Lisans"
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    main_window.act_undo.trigger()
    assert rules.get(db, rule["id"]).draft.conditions == ""
    main_window.act_undo.trigger()  # the rule's creation
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 0)
    main_window.act_redo.trigger()
    main_window.act_redo.trigger()
    assert rules.get(db, rule["id"]).draft.conditions == "Bridging course"


def test_deleting_a_rule_that_cases_follow_asks_and_undo_links_them_again(main_window, qtbot, message_box_answers):
    db = main_window.context.db
    rule_id = rules.create(db, RuleDraft(from_country="KZ", qualification_title="Бакалавр", isced_level="6",
                                         to_country="TR", recognised_as="Lisans"))
    following = [cases.create(db, CaseDraft(holder_name="Sample Holder", reference=f"F-{n}", issuing_country="KZ",
                                            recognising_country="TR", qualification_title="Бакалавр",
                                            received_on=dt.date(2025, 2, 1), rule_id=rule_id)) for n in range(2)]
    before = records.snapshot_of(db, rules.KIND, rule_id)
    page = main_window.open_area("recognition")
    page.tabs.setCurrentWidget(page.rules_tab)
    tab = page.rules_tab
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 1)
    tab.rules.selectRow(0)
    message_box_answers.append("Delete")
    _click(qtbot, tab.delete_button)
    question = message_box_answers.shown[-1]["text"]
    assert "2 cases follow it: they keep their decisions and lose only the link to the rule." in question
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 0)
    assert [cases.get(db, case_id).draft.rule_id for case_id in following] == [None, None]
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: tab.rules.rowCount() == 1)
    assert [cases.get(db, case_id).draft.rule_id for case_id in following] == [rule_id, rule_id]
    assert records.snapshot_of(db, rules.KIND, rule_id) == before
    assert rules.get(db, rule_id).facts["cases"] == 2


def _import_dialog(main_window, qtbot, monkeypatch, source):
    page = main_window.open_area("recognition")
    opened = _dialogs(monkeypatch, ImportDialog)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    _click(qtbot, page.import_button)
    return page, opened[-1]


def test_import_maps_columns_previews_and_writes_nothing_while_rows_are_rejected(main_window, qtbot, monkeypatch,
                                                                                tmp_path):
    db = main_window.context.db
    source = tmp_path / "cases.csv"
    source.write_text("Case no.;Holder's name;Issuing country;Recognising country;Qualification;Received on;Notes\n"
                      "IMP-1;Demo Person;KZ;TR;Lisans;2025-02-01;first\n"
                      "IMP-2;Sample Holder;KZ;TR;Lisans;not a date;second\n", encoding="utf-8")
    page, dialog = _import_dialog(main_window, qtbot, monkeypatch, source)
    mapping = dialog.chosen_mapping()  # guessed from the field titles
    assert mapping["holder_name"] == "Holder's name" and mapping["received_on"] == "Received on"
    assert "reference" not in mapping and not dialog.import_button.isEnabled()
    assert "Choose which column holds what" in dialog.summary.text()
    select_data(dialog.mapping["reference"], "Case no.")
    _click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.errors.rowCount() == 1
    assert [dialog.errors.item(0, c).text() for c in range(2)] == ["3", "Received on"]
    assert dialog.valid.rowCount() == 1 and dialog.tabs.tabText(1) == "Errors (1)"
    assert "nothing is imported unless you choose to leave it out" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and dialog.valid_only.isVisible()
    assert dialog.valid_only.text() == "Import only the 1 valid rows and leave out the 1 row with errors"
    dialog.confirm()  # even if asked: nothing while a row is rejected and the user has not chosen
    main_window.context.runner.wait_for_all(5000)
    assert count_cases(db, CaseFilter()) == 0
    dialog.valid_only.setChecked(True)
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.imported == 1, timeout=10000)
    record = cases.get(db, cases.case_id_by_reference(db, "IMP-1"))
    assert record.draft.holder_name == "Demo Person" and record.draft.notes == "first"
    assert [e.new_value for e in cases.case_history(db, record.id) if e.action == "imported"] == ["cases.csv"]
    qtbot.waitUntil(lambda: page.model.total == 1 and not page.model.counting, timeout=10000)


def test_a_changed_mapping_needs_a_new_check(main_window, qtbot, monkeypatch, tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
                      "IMP-1,Demo Person,KZ,TR,Lisans,2025-02-01\n", encoding="utf-8")
    _page, dialog = _import_dialog(main_window, qtbot, monkeypatch, source)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)  # an export's headers: checked at once
    assert dialog.import_button.isEnabled() and not dialog.valid_only.isVisible()
    select_data(dialog.mapping["notes"], "holder_name")
    assert dialog.preview is None and not dialog.import_button.isEnabled()


def test_statistics_show_charts_tables_and_the_data_protection_log(main_window, qtbot, tmp_path):
    from desktop_app.exchange.recognition_demo import load_demo_recognition
    from desktop_app.exchange.recognition_files import export_cases

    db = main_window.context.db
    load_demo_recognition(db)
    export_cases(db, tmp_path / "cases.csv")
    page = main_window.open_area("recognition")
    page.tabs.setCurrentIndex(2)
    stats_tab = page.stats_tab
    qtbot.waitUntil(lambda: stats_tab.stats is not None, timeout=10000)
    stats = stats_tab.stats
    assert "300" in stats_tab.summary.text()
    assert stats_tab.pairs.rowCount() == len(stats["by_country_pair_and_year"])
    chart = stats_tab.outcome_chart
    decided = sum(row["cases"] for row in stats["outcomes_by_decision_year"])
    assert sum(chart.totals()) == decided == sum(row["cases"] for row in stats["outcomes"])
    assert {s.name for s in chart.series} <= {"Full recognition", "Partial recognition", "Conditional recognition",
                                             "Alternative recognition (e.g. bridging course)", "Not recognised"}
    assert chart.categories == [str(row) for row in sorted({r["year"] for r in stats["outcomes_by_decision_year"]})]
    time_chart = stats_tab.time_chart
    assert time_chart.categories == ["0–30", "31–60", "61–90", "91–120", "121–180", "over 180"]
    assert sum(time_chart.series[0].values) == stats["decided_cases"]
    assert not chart.grab().isNull()  # painted without error
    log = [[stats_tab.log.item(r, c).text() for c in range(3)] for r in range(stats_tab.log.rowCount())]
    assert [row[1] for row in log] == ["Statistics", "Export"]
    assert log[1][2].startswith("personal data left out; 300 cases")


def test_a_rule_draft_left_by_a_crash_opens_the_rule_editor(main_window, qtbot, monkeypatch, message_box_answers):
    from desktop_app.ui.core import drafts

    db = main_window.context.db
    rule_id = rules.create(db, RuleDraft(from_country="KZ", qualification_title="Бакалавр", to_country="TR",
                                         recognised_as="Lisans"))
    draft = rules.get(db, rule_id).draft
    draft.conditions = "typed before the power cut"
    drafts.write("recognition", rule_id, "KZ Бакалавр → TR Lisans", draft, db.url)
    opened = _dialogs(monkeypatch, RuleDialog)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    dialog = opened[-1]
    assert dialog.record_id == rule_id and dialog.has_unsaved_changes()
    assert dialog.fields["conditions"].toPlainText() == "typed before the power cut"
    _click(qtbot, _ok(dialog))
    assert rules.get(db, rule_id).draft.conditions == "typed before the power cut"
