"""The national data package carries a coordinator's records whole: the demo database exported,
imported into an empty database and exported again gives the same records — every kind, every field,
every UUID, every byte of every file — and both databases pass the integrity check. On SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import func, select

from desktop_app.exchange import package_import, package_writer
from desktop_app.services import exchange_identity, package_ledger
from desktop_app.storage import snapshots
from desktop_app.storage.integrity import check_database
from desktop_app.storage.models import RecognitionCase, University
from tests.exchange.package_helpers import IR, KZ, another_database, load_demo_with_files, members


@pytest.fixture
def demo_db(db):
    load_demo_with_files(db, "KZ")
    return db


def _records(path) -> dict[str, bytes]:
    return {name: data for name, data in members(path).items() if name not in ("manifest.json", "manifest.sig")}


def test_demo_round_trip_gives_back_every_record_field_uuid_and_file_byte(demo_db, request, tmp_path):
    first = package_writer.export_package(demo_db, tmp_path / "kz", options=KZ, personal=True)
    assert first.path.name == "kz.cicapkg"
    assert set(first.counts) == set(snapshots.KINDS)  # every kind of record travels
    assert first.files == 2

    empty = another_database(request, demo_db)
    result = package_import.import_package(empty, first.path, options=IR, trust_key=True)
    totals = result.totals()
    assert totals["conflicts"] == 0 and totals["refused"] == 0
    assert totals["new"] + totals["changed"] + totals["unchanged"] == first.records

    again = package_writer.export_package(empty, tmp_path / "again.cicapkg", options=IR, personal=True,
                                          everything=True)
    sent, returned = _records(first.path), _records(again.path)
    assert sorted(sent) == sorted(returned)
    for name in sent:
        assert sent[name] == returned[name], name
    assert any(name.startswith("blobs/") for name in sent)
    assert check_database(demo_db.url).ok and check_database(empty.url).ok

    # Imported again, nothing changes; the package is remembered with its sender and key.
    repeat = package_import.import_package(empty, first.path, options=IR)
    assert repeat.totals()["unchanged"] == first.records
    [received, _again] = package_ledger.received_packages(empty)
    assert received.state_code == "KZ" and received.counts == first.counts
    assert package_ledger.trusted_key(empty, "KZ").fingerprint == received.signer_fingerprint


def test_manifest_describes_the_package(demo_db, tmp_path):
    summary = package_writer.export_package(demo_db, tmp_path / "kz.cicapkg", options=KZ)
    manifest = json.loads(members(summary.path)["manifest.json"])
    assert manifest["format_version"] == 1 and manifest["schema_revision"]
    assert manifest["sender"] == {"state": "KZ", "coordinator": KZ.coordinator}
    assert manifest["personal_data"] is False
    assert "holder_name" in manifest["personal_columns"]["recognition_cases"]
    assert manifest["counts"] == summary.counts
    with zipfile.ZipFile(summary.path) as archive:
        names = set(archive.namelist())
    assert set(manifest["members"]) == names - {"manifest.json", "manifest.sig"}
    lines = members(summary.path)["records/university.jsonl"].decode().splitlines()
    uuids = [json.loads(line)["uuid"] for line in lines]
    assert uuids == sorted(uuids)
    assert all("local_id" not in line and "dependents" not in line for line in map(json.loads, lines))


def test_a_package_without_personal_data_still_imports(demo_db, request, tmp_path):
    summary = package_writer.export_package(demo_db, tmp_path / "kz.cicapkg", options=KZ)
    text = members(summary.path)["records/recognition_case.jsonl"].decode()
    with demo_db.reading() as session:
        holder, reference = session.execute(select(RecognitionCase.holder_name, RecognitionCase.reference)
                                            .order_by(RecognitionCase.id)).first()
    assert holder not in text and reference in text
    assert not any(name.startswith("blobs/") and len(data) == 4500 for name, data in members(summary.path).items())

    empty = another_database(request, demo_db)
    result = package_import.import_package(empty, summary.path, options=IR, trust_key=True)
    assert result.totals()["refused"] == 0 and result.totals()["conflicts"] == 0
    with empty.reading() as session:
        case = session.execute(select(RecognitionCase).where(RecognitionCase.reference == reference)).scalar_one()
        assert case.holder_name == "" and case.status and case.received_on
        assert reference.lower() in case.search_text  # found by its reference in the list
        assert session.execute(select(func.count()).select_from(RecognitionCase)).scalar() == 300
    assert check_database(empty.url).ok


def test_records_carry_their_owner_and_reference_data_stays_the_networks(demo_db):
    with demo_db.reading() as session:
        owners = set(session.execute(select(University.owner_state)).scalars())
    assert owners == {"KZ"}
    counts = {(c.kind, c.owner_state): c.count for c in exchange_identity.owner_counts(demo_db)}
    assert counts[("roadmap_action", None)] == 5
    assert counts[("university", "KZ")] == 19


def test_records_made_before_the_state_was_known_are_claimed_for_it(db):
    from desktop_app.exchange.demo import load_demo_universities

    load_demo_universities(db)
    with db.reading() as session:
        assert set(session.execute(select(University.owner_state)).scalars()) == {None}
    exchange_identity.ensure_identity(db, "kz")
    with db.reading() as session:
        assert set(session.execute(select(University.owner_state)).scalars()) == {"KZ"}
    assert exchange_identity.ensure_identity(db, "IR").state_code == "KZ"  # written once, never changed
    counts = {(c.kind, c.owner_state): c.count for c in exchange_identity.owner_counts(db)}
    assert counts[("roadmap_action", None)] == 5


def test_a_cancelled_export_leaves_no_file(demo_db, tmp_path):
    from desktop_app.domain.errors import Cancelled
    from desktop_app.domain.progress import Progress

    class CancelAtOnce(Progress):
        def report(self, done, total, message=""):
            self.cancel()

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        package_writer.export_package(demo_db, folder / "kz.cicapkg", options=KZ, progress=CancelAtOnce())
    assert list(folder.iterdir()) == []  # no package, no half-written part
