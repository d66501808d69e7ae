"""Case files: an export with personal data imports back whole; a cancelled import writes nothing."""

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.progress import Progress
from desktop_app.exchange.recognition_demo import load_demo_recognition
from desktop_app.exchange.recognition_files import commit_import, export_cases, preview_import
from desktop_app.services.recognition_queries import CaseFilter, count_cases
from desktop_app.services.recognition_stats import compute_statistics
from desktop_app.storage.database import Database


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_with_personal_data_round_trips(sqlite_db, tmp_path, sqlite_template, suffix):
    load_demo_recognition(sqlite_db)
    path = tmp_path / f"cases.{suffix}"
    assert export_cases(sqlite_db, path, include_personal=True) == 300
    target = Database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    import shutil

    shutil.copyfile(sqlite_template, tmp_path / "other.sqlite3")
    preview = preview_import(target, path)
    assert preview.errors == [] and len(preview.drafts) == 300
    assert count_cases(target, CaseFilter()) == 0  # a preview writes nothing
    assert commit_import(target, preview) == 300
    before, after = compute_statistics(sqlite_db), compute_statistics(target)
    assert after["by_status"] == before["by_status"]
    assert after["median_days_to_decision"] == before["median_days_to_decision"]
    target.close()


def test_cancelled_import_writes_nothing(sqlite_db, tmp_path):
    load_demo_recognition(sqlite_db)
    path = tmp_path / "cases.csv"
    export_cases(sqlite_db, path, include_personal=True)
    with sqlite_db.transaction() as session:
        from sqlalchemy import delete

        from desktop_app.storage.models import RecognitionCase

        session.execute(delete(RecognitionCase))
    preview = preview_import(sqlite_db, path)
    progress = Progress(lambda done, total, message: progress.cancel())
    with pytest.raises(Cancelled):
        commit_import(sqlite_db, preview, progress)
    assert count_cases(sqlite_db, CaseFilter()) == 0
