"""Where the application finds its bundled files and keeps the user's files.

Bundled files (resources, catalogs, migrations) sit beside the package in a checkout and under
``sys._MEIPASS`` in a frozen bundle. User files live in the platform's data/config folders; the
environment variable CICA_COORDINATOR_HOME moves all of them to one folder (portable installs,
tests), so no path is ever hard-coded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app import APP_ID


def bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def translations_dir() -> Path:
    return bundle_root() / "translations"


def compiled_catalogs_dir() -> Path:
    return translations_dir() / "_build"


def _home_override() -> Path | None:
    value = os.environ.get("CICA_COORDINATOR_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    override = _home_override()
    if override:
        path = override / "data"
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    override = _home_override()
    if override:
        path = override / "config"
    else:
        import platformdirs

        path = Path(platformdirs.user_config_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return user_data_dir() / "cica-coordinator.log"


def default_database_path() -> Path:
    return user_data_dir() / "coordinator.sqlite3"


def drafts_dir() -> Path:
    """Unsaved drafts of open editors, kept while they are edited so a crash does not lose them."""
    path = user_data_dir() / "drafts"
    path.mkdir(parents=True, exist_ok=True)
    return path
