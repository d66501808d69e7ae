"""The 70/30 staffing of a strategic partnership, beside the parties' staff who took part in staff
development (retraining, professional development) as the Quality area records them."""

from __future__ import annotations

from desktop_app.domain.agreements import MAX_FOREIGN_STAFF, MAX_NATIONAL_STAFF, AgreementDraft
from desktop_app.i18n import _, current_language, formatting


def staffing_text(db, draft: AgreementDraft) -> str:
    """Two lines in the interface language: the staffing shares against the recommendations' limits, and
    each party's staff trained (and how many completed their programme)."""
    from desktop_app.services import staff_development
    from desktop_app.services.university_names import names_for_reader

    ids = [party.university_id for party in draft.parties]
    trained = staff_development.trained_staff(db, ids)
    names = names_for_reader(db, ids, current_language())

    def share(value) -> str:
        return "—" if value is None else _("{share}%").format(share=formatting.format_number(value))

    lines = [_("Staffing: national staff {national}, foreign staff {foreign} (the recommendations: up to "
               "{national_limit}% and {foreign_limit}%).").format(
        national=share(draft.national_staff_percent), foreign=share(draft.foreign_staff_percent),
        national_limit=formatting.format_number(MAX_NATIONAL_STAFF),
        foreign_limit=formatting.format_number(MAX_FOREIGN_STAFF))]
    parts = [_("{university}: {count} ({completed} completed)").format(
        university=names.get(university_id, ""), count=formatting.format_number(took),
        completed=formatting.format_number(done))
        for university_id in ids if university_id in trained for took, done in [trained[university_id]]]
    lines.append(_("Staff of the parties trained in staff development: {parties}.").format(
        parties=formatting.format_list(parts)) if parts else
        _("No staff of the parties has taken part in staff development yet."))
    return "\n".join(lines)
