"""The register page through real widgets: add, edit, undo, redo, delete, a refused second parent,
search and the lazy model."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import universities
from desktop_app.ui.universities.editor import UniversityEditor


def _page(main_window, qtbot):
    page = main_window.open_area("universities")
    qtbot.waitUntil(lambda: page.model.db is not None, timeout=10000)
    return page


def _click_ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _run_editor(monkeypatch, fill):
    """Replace the modal exec by filling the real editor and clicking its real OK button."""
    seen = []

    def fake_exec(editor):
        seen.append(editor)
        fill(editor)
        return editor.result()

    monkeypatch.setattr(UniversityEditor, "exec", fake_exec)
    return seen


def _select_combo(combo, key):
    combo.setCurrentIndex(combo.findData(key))


def test_add_edit_undo_redo_delete(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db

    def fill_new(editor):
        editor.names.table.item(0, 0).setText("Сәтбаев университеті")
        editor.names.table.cellWidget(0, 1).set_value("kk")  # chosen by name: "Kazakh"
        editor.names.table.item(1, 0).setText("Satbayev University")
        _select_combo(editor.country, "KZ")
        qtbot.keyClicks(editor.ror_id, "")
        _click_ok(qtbot, editor)

    _run_editor(monkeypatch, fill_new)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.total == 1
    assert page.model.data(page.model.index(0, 0)) == "Satbayev University"

    page.table.selectRow(0)

    def fill_edit(editor):
        qtbot.keyClicks(editor.city, "Almaty")
        _click_ok(qtbot, editor)

    _run_editor(monkeypatch, fill_edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    university_id = page.selected_id()
    assert universities.get(db, university_id).draft.city == "Almaty"

    main_window.act_undo.trigger()
    assert universities.get(db, university_id).draft.city == ""
    main_window.act_redo.trigger()
    assert universities.get(db, university_id).draft.city == "Almaty"

    message_box_answers.append("Delete")
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
    main_window.act_undo.trigger()  # the deletion
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    assert universities.get(db, university_id).draft.city == "Almaty"
    main_window.act_undo.trigger()  # the edit
    main_window.act_undo.trigger()  # the creation
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
    main_window.act_redo.trigger()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    assert universities.count(db) == 1


def test_second_parent_university_is_refused_with_a_message(main_window, qtbot, monkeypatch):
    page = _page(main_window, qtbot)
    universities.create(main_window.context.db, UniversityDraft(
        "KZ", [NameDraft("Al-Farabi Kazakh National University", "en")], network_role="parent"))

    def fill(editor):
        editor.names.table.item(1, 0).setText("Satbayev University")
        editor.names.table.item(0, 0).setText("Сәтбаев университеті")
        editor.names.table.cellWidget(0, 1).set_value("kk")  # chosen by name: "Kazakh"
        _select_combo(editor.country, "KZ")
        _select_combo(editor.network_role, "parent")
        _click_ok(qtbot, editor)

    seen = _run_editor(monkeypatch, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = seen[0]
    assert editor.result() != editor.DialogCode.Accepted
    message = editor.errors["network_role"].text()
    assert "Al-Farabi Kazakh National University" in message and not editor.errors["network_role"].isHidden()
    assert universities.count(main_window.context.db) == 1
    assert page.undo_stack.count() == 0


def test_field_messages_for_an_invalid_ror_id(main_window, qtbot, monkeypatch):
    page = _page(main_window, qtbot)

    def fill(editor):
        editor.names.table.item(1, 0).setText("Satbayev University")
        _select_combo(editor.country, "KZ")
        qtbot.keyClicks(editor.ror_id, "03q0vrn43")
        _click_ok(qtbot, editor)

    seen = _run_editor(monkeypatch, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "03q0vrn43" in seen[0].errors["ror_id"].text()
    assert universities.count(main_window.context.db) == 0


def test_search_box_filters_after_typing(main_window, qtbot):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    kaznu = NameDraft("Әл-Фараби атындағы Қазақ ұлттық университеті", "kk")
    universities.create(db, UniversityDraft("KZ", [kaznu]))
    universities.create(db, UniversityDraft("TR", [NameDraft("İstanbul Teknik Üniversitesi", "tr")]))
    universities.create(db, UniversityDraft("DE", [NameDraft("Freie Universität Berlin", "de")]))
    qtbot.waitUntil(lambda: page.model.total == 3, timeout=5000)
    assert page.country.findData("DE") > page.country.findData("KZ") > 0  # partners abroad after member states
    page.search.setText("ҰЛТТЫҚ")  # QTest.keyClicks accepts ASCII only; setText emits the same textChanged
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    page.search.clear()
    qtbot.keyClicks(page.search, "istanbul")
    qtbot.waitUntil(lambda: page.model.total == 1 and "İstanbul" in page.model.data(page.model.index(0, 0)),
                    timeout=5000)


def test_model_keeps_a_bounded_number_of_rows(main_window, qtbot):
    from desktop_app.services.university_bulk import PlannedUniversity, apply_universities

    db = main_window.context.db
    items = [PlannedUniversity(i, UniversityDraft("KZ", [NameDraft(f"University {i:05d}", "en")]), "create")
             for i in range(3000)]
    apply_universities(db, items, {"names"})
    page = _page(main_window, qtbot)
    qtbot.waitUntil(lambda: page.model.total == 3000, timeout=5000)
    for row in range(0, 3000, 50):
        page.model.data(page.model.index(row, 0))
    assert page.model.cached_rows <= page.model.PAGE_SIZE * page.model.MAX_PAGES
    assert page.model.data(page.model.index(2999, 0)) == "University 02999"
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.model.data(page.model.index(0, 0)) == "University 02999"


def test_import_dialog_previews_then_imports_in_the_background(main_window, qtbot, tmp_path):
    from desktop_app.ui.universities.import_dialog import ImportDialog

    page = _page(main_window, qtbot)
    path = tmp_path / "partners.csv"
    path.write_text("name,name_kk,country,city\nSatbayev University,Сәтбаев университеті,KZ,Almaty\n"
                    "Kyrgyz National University,,KG,Bishkek\n", encoding="utf-8-sig")
    dialog = ImportDialog(main_window.context, str(path), parent=page)
    qtbot.addWidget(dialog)
    assert dialog.mapping["name:kk"].currentData() == "name_kk"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert "The file would create 2," in dialog.summary.text()
    assert universities.count(main_window.context.db) == 0  # nothing written before confirming
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=10000)


def test_import_dialog_lists_rejected_rows_and_refuses_to_import(main_window, qtbot, tmp_path):
    from desktop_app.ui.universities.import_dialog import ImportDialog

    page = _page(main_window, qtbot)
    path = tmp_path / "partners.csv"
    path.write_text("name,country\nSatbayev University,KZ\nBroken,KZ,extra\n", encoding="utf-8")
    dialog = ImportDialog(main_window.context, str(path), parent=page)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.problems.item(0, 0).text() == "3"
    assert not dialog.import_button.isEnabled()
    # The summary never says "created" above "nothing was written".
    assert dialog.summary.text().startswith("rejected: 1 — nothing was written.")


def test_changing_the_status_records_a_dated_history_row(main_window, qtbot, monkeypatch):
    import datetime as dt

    page = _page(main_window, qtbot)
    db = main_window.context.db
    university_id = universities.create(db, UniversityDraft(
        "KZ", [NameDraft("Satbayev University", "en")], status="invited", status_since=dt.date(2024, 1, 10)))
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    page.table.selectRow(0)

    def fill(editor):
        _select_combo(editor.status, "memorandum_signed")
        _click_ok(qtbot, editor)

    _run_editor(monkeypatch, fill)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    history = universities.get(db, university_id).draft.status_history
    assert [(h.status, h.changed_on) for h in history] == [("invited", dt.date(2024, 1, 10)),
                                                           ("memorandum_signed", dt.date.today())]
    main_window.act_undo.trigger()
    history = universities.get(db, university_id).draft.status_history
    assert [h.status for h in history] == ["invited"]


def test_editor_shows_the_top500_indicator_as_rankings_are_typed(qtbot):
    from desktop_app.domain.universities import RankingDraft

    editor = UniversityEditor(UniversityDraft("KZ", [NameDraft("Satbayev University", "en")]), lambda draft: None)
    qtbot.addWidget(editor)
    assert editor.top500.text().startswith("TOP-500: no")
    qtbot.mouseClick(editor.rankings.add_button, Qt.MouseButton.LeftButton)
    editor.rankings.table.item(0, 2).setText("=450")
    assert editor.top500.text().startswith("TOP-500: yes")
    editor.rankings.table.cellWidget(0, 0).setCurrentIndex(
        editor.rankings.table.cellWidget(0, 0).findData("national"))
    assert editor.top500.text().startswith("TOP-500: no")
    assert editor.draft().rankings == [RankingDraft("national", editor.rankings.table.cellWidget(0, 1).value(), "=450")]


def test_columns_fit_their_texts_in_each_language_until_the_user_sizes_them(main_window, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.core.language import apply_language
    from desktop_app.ui.universities.model import COL_NAME, COL_ROLE, COL_STATUS

    page = _page(main_window, qtbot)
    main_window.resize(1180, 760)
    load_demo(main_window.context.db)
    qtbot.waitUntil(lambda: page.model.total > 0, timeout=10000)
    for lang in ("kk", "en"):
        apply_language(QApplication.instance(), lang)
        for column in (COL_ROLE, COL_STATUS):  # "Parent university", "Memorandum signed": never cut short
            needed = max(page.table.sizeHintForColumn(column), page.table.horizontalHeader().sectionSizeHint(column))
            assert page.table.columnWidth(column) >= min(needed, 220), (lang, column)
        assert page.table.columnWidth(COL_NAME) >= 280
    page._user_sized_columns = True  # as after a drag: a reload keeps the user's widths
    page.table.setColumnWidth(COL_ROLE, 40)
    page.reload()
    assert page.table.columnWidth(COL_ROLE) == 40
