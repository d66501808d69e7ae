"""A printable learning agreement, in the report's language: the mobility, the sending and receiving
universities, the components to study and to recognise with their credits, the language competence, the
virtual components, the version and the changes that led to it, and the three signatures with their dates
(an empty line where one is still missing).

Personal data, as the EWP export and the data package treat it: the student's name and the contact
persons are printed only when the user chose to include personal data; otherwise their lines stay empty.
"""

from __future__ import annotations

from desktop_app.domain.learning_agreements import (
    AGREEMENT_STATUS_LABELS,
    SECTION_LABELS,
    SHORT_SECTION_LABELS,
    ComponentDraft,
    LearningAgreementDraft,
    Section,
    VersionDraft,
    changes,
)
from desktop_app.domain.mobility import FORMAT_LABELS, STUDY_LEVEL_LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, language_name
from desktop_app.reports.kinds.common import (
    PERSONAL_INCLUDED,
    PERSONAL_LEFT_OUT,
    fill,
    new_document,
    number,
    university_names,
    with_state,
)
from desktop_app.reports.model import Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import curricula, learning_agreements, mobility, universities

LINE = "_" * 24  # where a signature or its date is still to be written by hand
STUDENT_INCLUDED = N_("Personal data: the student's name and the contact persons are included at the user's "
                      "request. Handle this document as personal data.")
STUDENT_LEFT_OUT = N_("Personal data: the student's name and the contact persons are left out of this document.")


def _label(ctx: ReportContext, labels: dict, key: str) -> str:
    return ctx._(labels[key]) if key in labels else key


def _date(ctx: ReportContext, value) -> str:
    if value is None:
        return ""
    return format_date(value.date() if hasattr(value, "date") else value, "medium", ctx.options.lang)


def _credits(ctx: ReportContext, value: float | None) -> str:
    return number(ctx, value) if value is not None else "—"


def _term(ctx: ReportContext, component: ComponentDraft) -> str:
    if component.term_number and component.total_terms:
        return fill(ctx, N_("{count} of {total}"), count=number(ctx, component.term_number),
                    total=number(ctx, component.total_terms))
    return ""


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    personal = ctx.options.include_personal_data
    mobility_id = learning_agreements.mobility_of(ctx.db, ctx.options.learning_agreement_id or 0)
    found = learning_agreements.get_for(ctx.db, mobility_id)
    assert found is not None  # the agreement exists: mobility_of found it
    agreement: LearningAgreementDraft = found.draft
    stay = mobility.get(ctx.db, mobility_id).draft
    ids = [i for i in (stay.sending_university_id, stay.receiving_university_id) if i is not None]
    names = university_names(ctx, ids)
    countries = {i: universities.get(ctx.db, i).draft.country_code for i in ids}
    latest = agreement.latest

    def university(university_id: int | None) -> str:
        if university_id is None:
            return "—"
        code = countries.get(university_id, "")
        name = names.get(university_id, "")
        return with_state(ctx, name, code) if code else name

    document = new_document(ctx, _("Learning agreement"), fill(
        ctx, N_("Version {number}: {status}. Credits studied: {studied}; to be recognised at home: {recognised}."),
        number=number(ctx, latest.number), status=_label(ctx, AGREEMENT_STATUS_LABELS, str(agreement.status())),
        studied=number(ctx, latest.credits(Section.STUDIED)),
        recognised=number(ctx, latest.credits(Section.RECOGNIZED))))
    document.cover = False  # a form of a few pages: it opens under its title, as the dossier does
    choice = _(STUDENT_INCLUDED) if personal else _(STUDENT_LEFT_OUT)  # says what this document holds
    document.cover_lines = [choice if line in (_(PERSONAL_INCLUDED), _(PERSONAL_LEFT_OUT)) else line
                            for line in document.cover_lines]

    fields = dict(curricula.isced_field_choices(ctx.db))
    field = (f"{agreement.isced_code} {_(fields[agreement.isced_code])}" if agreement.isced_code in fields
             else agreement.isced_code) or "—"
    competence = "—"
    if agreement.language:
        competence = language_name(agreement.language, lang)
        if agreement.cefr_level:
            competence = fill(ctx, N_("{label}: {detail}"), label=competence, detail=agreement.cefr_level)
    document.add(
        Heading(_("Mobility")),
        KeyValues([
            (_("Student"), stay.person_name if personal and stay.person_name else ""),
            (_("Format"), _label(ctx, FORMAT_LABELS, stay.format)),
            (_("Level of study"), _label(ctx, STUDY_LEVEL_LABELS, stay.study_level) if stay.study_level else "—"),
            (_("Dates"), fill(ctx, N_("{start} – {end}"), start=_date(ctx, stay.start_date),
                              end=_date(ctx, stay.end_date))),
            (_("Academic year"), agreement.receiving_academic_year or "—"),
            (_("ISCED-F field"), field),
            (_("Language competence"), competence),
        ]),
    )
    for title, university_id, unit, contact, email in (
            (_("Sending university"), stay.sending_university_id, agreement.sending_unit,
             agreement.sending_contact_name, agreement.sending_contact_email),
            (_("Receiving university"), stay.receiving_university_id, agreement.receiving_unit,
             agreement.receiving_contact_name, agreement.receiving_contact_email)):
        items = [(_("University"), university(university_id)), (_("Faculty or department"), unit or "—")]
        if personal:
            items.append((_("Contacts"), ", ".join(part for part in (contact, email) if part) or "—"))
        document.add(Heading(title, 2), KeyValues(items))
    _components(ctx, document, latest)
    _changes(ctx, document, agreement)
    _signatures(ctx, document, latest, stay.person_name if personal else "", personal)
    return document


def _components(ctx: ReportContext, document: Document, version: VersionDraft) -> None:
    _ = ctx._
    if not version.components:
        document.add(Heading(_(SECTION_LABELS[Section.STUDIED])), Text(_("Nothing recorded."), style="note"))
    for section in Section:
        listed = [c for c in version.components if c.section == section]
        if not listed:
            continue
        detail = _("Recognition conditions") if section == Section.RECOGNIZED else _("Description")
        details = [c.recognition_conditions if section == Section.RECOGNIZED else c.short_description for c in listed]
        columns = [Column(_("Code"), 0.9), Column(_("Component"), 3), Column(_("Credits"), 0.7, True),
                   Column(_("Term"), 0.7)]
        rows = [[c.code, c.title, _credits(ctx, c.credits), _term(ctx, c)] for c in listed]
        if any(details):  # the conditions or descriptions, where the agreement gives some
            columns.append(Column(detail, 2))
            rows = [row + [text] for row, text in zip(rows, details, strict=True)]
        document.add(
            Heading(_(SECTION_LABELS[section])),
            Table(_(SECTION_LABELS[section]), columns, rows),
            Text(fill(ctx, N_("Total: {credits} ECTS"), credits=number(ctx, version.credits(section))), style="note"),
        )


def _changes(ctx: ReportContext, document: Document, agreement: LearningAgreementDraft) -> None:
    _ = ctx._
    document.add(Heading(_("Changes")))
    if len(agreement.versions) < 2:
        document.add(Text(_("No change since the first version."), style="note"))
        return
    for before, after in zip(agreement.versions, agreement.versions[1:], strict=False):
        inserted, deleted = changes(before.components, after.components)
        heading = fill(ctx, N_("Version {number}"), number=number(ctx, after.number))
        rows = [[_("Added") if added else _("Removed"), _label(ctx, SHORT_SECTION_LABELS, c.section), c.code, c.title,
                 _credits(ctx, c.credits)] for added, listed in ((True, inserted), (False, deleted)) for c in listed]
        document.add(Heading(heading, 2),
                     KeyValues([(_("Date"), _date(ctx, after.prepared_on) or "—"), (_("Reason"), after.reason or "—")]),
                     Table(heading, [Column(_("Change"), 0.9), Column(_("Kind"), 1), Column(_("Code"), 0.9),
                                     Column(_("Component"), 3), Column(_("Credits"), 0.7, True)], rows))


def _signatures(ctx: ReportContext, document: Document, version: VersionDraft, student: str, personal: bool) -> None:
    _ = ctx._
    signers = (
        (_("Student"), student, version.student_signed_at),
        (_("Sending coordinator"), version.sending_signer_name if personal else "", version.sending_signed_at),
        (_("Receiving coordinator"), version.receiving_signer_name if personal else "", version.receiving_signed_at),
    )
    document.add(
        Heading(_("Signatures")),
        Table(_("Signatures"), [Column(_("Signatory"), 1.6), Column(_("Full name"), 2), Column(_("Date"), 1.2),
                                Column(_("Signature"), 1.6)],
              [[role, name or LINE, _date(ctx, when) if when else LINE, _("Signed") if when else LINE]
               for role, name, when in signers]),
    )


KIND = ReportKind("learning-agreement", N_("Learning agreement"), tabular=False, gather=gather,
                  description=N_("One learning agreement to print and sign: the mobility, the components to study "
                                 "and to recognise with credits, language competence, the version and its changes, "
                                 "and the three signatures; the student is named only with personal data"),
                  needs_learning_agreement=True)
