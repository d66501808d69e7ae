"""Shared fixtures. Qt runs offscreen (set once, here). Every test gets its own user folders
(CICA_COORDINATOR_HOME) and a fresh migrated database; storage and service tests run on SQLite and,
when CICA_TEST_POSTGRES_URL names a server, on PostgreSQL too."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CICA_COORDINATOR_DB", None)

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("CICA_SHARED_DATA") or REPO.parent / "shared" / "data")
POSTGRES_URL = os.environ.get("CICA_TEST_POSTGRES_URL")


def pytest_collection_modifyitems(config, items):
    """Slow tests (building and installing packages) run only when asked: CICA_RUN_SLOW=1 or ``-m slow``."""
    if os.environ.get("CICA_RUN_SLOW") == "1" or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with CICA_RUN_SLOW=1 or -m slow")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("CICA_COORDINATOR_HOME", str(home))
    monkeypatch.delenv("CICA_COORDINATOR_DB", raising=False)
    from desktop_app.i18n import set_language

    set_language("en")
    yield home
    set_language("en")


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file per test session; each test gets a copy (migrating is the slow part)."""
    folder = tmp_path_factory.mktemp("template")
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    from desktop_app.storage.schema import upgrade

    path = folder / "template.sqlite3"
    upgrade(f"sqlite:///{path}", make_backup=False)
    return path


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    path = tmp_path / "coordinator.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_db(sqlite_url):
    from desktop_app.storage.database import Database

    db = Database(sqlite_url)
    yield db
    db.close()


_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_template():
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL test server (CICA_TEST_POSTGRES_URL)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from desktop_app.storage.schema import upgrade

    base = make_url(POSTGRES_URL)
    name = f"cica_tpl_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    template_url = base.set(database=name).render_as_string(hide_password=False)
    upgrade(template_url, make_backup=False)
    from desktop_app.storage.engine import make_engine

    make_engine(template_url).dispose()
    yield admin, base, name
    drop_test_database(admin, name)
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_template):
    from sqlalchemy import text

    admin, base, template = postgres_template
    name = f"cica_t_{os.getpid()}_{next(_counter)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    drop_test_database(admin, name)


def drop_test_database(admin, name: str) -> None:
    """DROP DATABASE … WITH (FORCE); again after a moment while a process the test role may not end (an
    autovacuum worker visiting the new database) is still in it."""
    import threading

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(100):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != "42501" or attempt == 99:  # insufficient privilege
                raise
            threading.Event().wait(0.1)  # not time.sleep: it fails under scripts/clock-check.sh


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request):
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db(db_url):
    """A fresh migrated database on each engine (SQLite always; PostgreSQL when configured)."""
    from desktop_app.storage.database import Database

    database = Database(db_url)
    yield database
    database.close()


@pytest.fixture
def preferences(user_home):
    from desktop_app.ui.core import settings

    prefs = settings.Preferences()
    prefs.set(settings.FIRST_RUN_DONE, True)
    prefs.set(settings.MEMBER_STATE, "KZ")
    prefs.set(settings.LANGUAGE, "en")
    return prefs


@pytest.fixture
def main_window(qtbot, qapp, sqlite_url, preferences):
    """The real main window over a fresh database, opened the way the application opens it."""
    from desktop_app.app import start

    context, window = start(qapp, db_url=sqlite_url, preferences=preferences, wizard=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context.db is not None, timeout=15000)
    yield window
    context.runner.wait_for_all(10000)
    qtbot.wait(10)
    from desktop_app.ui.core.language import apply_language

    apply_language(qapp, "en")
    context.instance_lock.release()
    context.db.close()


@pytest.fixture
def message_box_answers(monkeypatch):
    """Answers for the message boxes the code under test opens, by button text, in order.

    The real QMessageBox is built (title, text, buttons in the interface language); only its event
    loop is skipped: the named button is clicked as a user would. A box with no answer left fails."""
    from PySide6.QtWidgets import QMessageBox

    class Answers(list):
        shown: list[dict]

    answers = Answers()
    shown: list[dict] = []
    answers.shown = shown

    def fake_exec(box):
        labels = [button.text().replace("&", "") for button in box.buttons()]
        shown.append({"title": box.windowTitle(), "text": box.text(), "buttons": labels})
        assert answers, f"unexpected message box: {box.windowTitle()!r}: {box.text()!r} {labels}"
        wanted = answers.pop(0)
        button = next((b for b in box.buttons() if b.text().replace("&", "") == wanted), None)
        assert button is not None, f"no button {wanted!r} in {labels}"
        button.click()
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return answers
