"""The read-only queries reports are built from, on SQLite and PostgreSQL."""

from __future__ import annotations

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import report_data, universities
from desktop_app.storage.models import UniversityArea, UniversityContact


def _university(db, code, name, role="member", status="active"):
    return universities.create(db, UniversityDraft(code, [NameDraft(name, "en", "display")], network_role=role,
                                                 status=status))


def test_counts_register_order_matrix_and_dossier(db):
    kz_b = _university(db, "KZ", "Satbayev University")
    kz_a = _university(db, "KZ", "Al-Farabi Kazakh National University", role="parent")
    cn = _university(db, "CN", "Tsinghua University", status="invited")
    with db.transaction(changes={"universities"}) as session:
        session.add_all([UniversityArea(university_id=kz_a, area_key="economy"),
                         UniversityArea(university_id=kz_b, area_key="economy"),
                         UniversityArea(university_id=cn, area_key="water_management"),
                         UniversityContact(university_id=kz_a, name="Test Person", email="t@example.kz")])
    assert report_data.university_counts(db) == {"KZ": {"active": 2}, "CN": {"invited": 1}}
    assert [row.display_name for row in report_data.register_rows(db)] == [
        "Tsinghua University", "Al-Farabi Kazakh National University", "Satbayev University"]
    assert [row.id for row in report_data.parent_universities(db)] == [kz_a]
    keys, matrix = report_data.area_matrix(db)
    assert keys[0] == "sustainable_development" and len(keys) == 8
    assert matrix == {("KZ", "economy"): 2, ("CN", "water_management"): 1}
    without = report_data.dossier(db, kz_a, include_contacts=False)
    assert without.contacts == [] and without.areas == ["economy"]
    assert report_data.dossier(db, kz_a, include_contacts=True).contacts[0]["email"] == "t@example.kz"
    assert len(report_data.roadmap(db)) == 5
