"""Joint curricula catalogue: every joint programme with its partners, languages, credits (ECTS and the
partners' national credits) and study plan, semester by semester with the delivering partner."""

from __future__ import annotations

from desktop_app.domain.curricula import (
    DIPLOMA_TITLES,
    ISCED_LEVEL_TITLES,
    PARTNER_ROLE_TITLES,
    PROGRAMME_STATUS_TITLES,
    PROGRAMME_TYPE_TITLES,
)
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import language_name
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import new_document, number, state, university_names, with_state
from desktop_app.reports.model import Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import credit_conversions, curricula


def _industry_names(ctx, organisation_ids: list[int]) -> list[str]:
    """The programme's industry partners, named in the report's language."""
    if not organisation_ids:
        return []
    from desktop_app.services import organisations

    names = {c.id: c.label for c in organisations.choices(ctx.db, ids=organisation_ids, lang=ctx.options.lang)}
    return [names[i] for i in organisation_ids if i in names]


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    summaries = list(curricula.iterate(ctx.db))
    conversions = {c.state_code: c for c in credit_conversions.all_rows(ctx.db)}
    fields = dict(curricula.isced_field_choices(ctx.db))
    document = new_document(ctx, _("Joint curricula catalogue"),
                            ctx.tr.ngettext("{count} joint programme", "{count} joint programmes",
                                            len(summaries)).format(count=number(ctx, len(summaries))))
    document.table_of_contents = len(summaries) > 1
    overview_rows, overview_values = [], []
    sections = []
    for done, summary in enumerate(summaries):
        ctx.progress.report(done, len(summaries), summary.title_in(lang))
        ctx.progress.check_cancelled()
        draft = curricula.get(ctx.db, summary.id).draft
        title = draft.titles.get(lang) or draft.title
        names = {p.university_id: p.name for p in draft.partners}
        names.update(university_names(ctx, list(names)))
        programme_type = label(ctx, PROGRAMME_TYPE_TITLES, draft.programme_type)
        level = label(ctx, ISCED_LEVEL_TITLES, draft.isced_level) if draft.isced_level else "—"
        field = (f"{draft.isced_field} {_(fields[draft.isced_field])}" if draft.isced_field in fields
                 else draft.isced_field or "—")
        area = _(AREAS_BY_KEY[draft.area_key].title) if draft.area_key in AREAS_BY_KEY else "—"
        languages = ", ".join(language_name(code, lang) for code in draft.languages) or "—"
        national = []
        for code in dict.fromkeys(p.country_code for p in draft.partners):
            conversion = conversions.get(code)
            if conversion is not None:
                national.append(_("{credits} {unit} ({state})").format(
                    credits=number(ctx, round(draft.credits * conversion.national_per_ects, 2)),
                    unit=conversion.unit, state=state(ctx, code)))
        partners = "\n".join(f"{with_state(ctx, names[p.university_id], p.country_code)} — "
                             f"{label(ctx, PARTNER_ROLE_TITLES, p.role)}" for p in draft.partners)
        overview_rows.append([title, programme_type, level, number(ctx, draft.credits),
                              "\n".join(names[p.university_id] for p in draft.partners)])
        overview_values.append([title, programme_type, draft.isced_level or "", draft.credits,
                                "; ".join(names[p.university_id] for p in draft.partners)])
        blocks = [
            Heading(title),
            KeyValues([
                (_("Code"), draft.code or "—"),
                (_("Type"), programme_type),
                (_("Status"), label(ctx, PROGRAMME_STATUS_TITLES, draft.status)),
                (_("Level"), level),
                (_("Field of education"), field),
                (_("Area of cooperation"), area),
                (_("Diplomas"), label(ctx, DIPLOMA_TITLES, draft.diplomas)),
                (_("Languages of instruction"), languages),
                (_("Credits (ECTS)"), number(ctx, draft.credits)),
                (_("National credits"), "\n".join(national) or "—"),
                (_("Partners and roles"), partners or "—"),
                (_("Industry partners"), "\n".join(_industry_names(ctx, draft.industry_partner_ids)) or "—"),
            ]),
        ]
        course_values = []
        for semester in draft.semesters:
            partner = names.get(semester.university_id, "—")
            year = f" ({semester.academic_year})" if semester.academic_year else ""
            blocks.append(Heading(_("Semester {number}{year}: {partner}, {credits} ECTS").format(
                number=number(ctx, semester.number), year=year, partner=partner,
                credits=number(ctx, semester.credits)), 2))
            rows = []
            for course in semester.courses:
                kind = _("mandatory") if course.mandatory else _("elective")
                course_language = language_name(course.language, lang) if course.language else ""
                rows.append([course.code, course.title(lang), number(ctx, course.credits), kind, course_language])
                course_values.append([title, semester.number, semester.academic_year, partner, course.code,
                                      course.title(lang), course.credits, kind, course_language])
            blocks.append(Table(_("Courses"), [Column(_("Code"), 0.9), Column(_("Course"), 3.4),
                                               Column(_("ECTS"), 0.6, True), Column(_("Kind"), 0.9),
                                               Column(_("Language"), 1)], rows, in_sheets=False))
        if not draft.semesters:
            blocks.append(Text(_("No study plan recorded yet."), style="note"))
        if draft.notes:
            blocks.append(Text(draft.notes, style="note"))
        sections.append((blocks, course_values))
    document.add(
        Heading(_("Programmes")),
        Table(_("Programmes"), [Column(_("Programme"), 2.6), Column(_("Type"), 1.4), Column(_("Level"), 1.4),
                                Column(_("ECTS"), 0.6, True), Column(_("Partners"), 2.4)],
              overview_rows, overview_values, sheet=_("Programmes")),
    )
    study_plan = []
    for blocks, course_values in sections:
        document.add(*blocks)
        study_plan.extend(course_values)
    # One sheet with every course of every programme (the PDF's per-semester tables are not repeated).
    sheet = Table(_("Study plans"), [Column(_("Programme")), Column(_("Semester"), numeric=True),
                                     Column(_("Academic year")), Column(_("Delivered by")), Column(_("Code")),
                                     Column(_("Course")), Column(_("ECTS"), numeric=True), Column(_("Kind")),
                                     Column(_("Language"))], [], study_plan, sheet=_("Study plans"))
    document.sheet_only.append(sheet)
    return document


KIND = ReportKind("curricula-catalogue", N_("Joint curricula catalogue"), tabular=True, gather=gather,
                  description=N_("Every joint programme with type, level, field, partners and roles, languages, "
                                 "credits and the study plan semester by semester"))
