"""The record of deliberate acts on personal data (revealing names in a list, exporting them), whichever area
they happen in. One log for all areas, so a coordinator or an auditor reads them in one place (the recognition
statistics' "Recent acts on personal data"); it is the log recognition already kept."""

from __future__ import annotations

from desktop_app.storage.database import Database


def record_reveal(db: Database, where: str) -> None:
    """Personal data were shown on purpose; ``where`` names the list (kept as written, like the other acts)."""
    from desktop_app.services.recognition_cases import record_event

    record_event(db, "reveal", "personal_data", where)


def record_export(db: Database, where: str) -> None:
    """Personal data were written out of the database on purpose (an export, a print, a package)."""
    from desktop_app.services.recognition_cases import record_event

    record_event(db, "export", "personal_data", where)
