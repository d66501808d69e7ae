"""Staff development summary: the retraining and professional-development programmes (topic, format, dates,
workload), the staff of each university who took part and completed them, per year, and the programmes per
topic. Participants are named only when the user includes personal data."""

from __future__ import annotations

from collections import Counter

from desktop_app.domain.staff_development import FORMAT_LABELS, TOPIC_LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import in_order, new_document, number, university_names, with_state
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import staff_development
from desktop_app.services.choices import universities as university_choices


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang, year = ctx.options.lang, ctx.options.year
    ctx.progress.report(0, 0, _("Counting the staff trained…"))
    programmes = list(staff_development.iterate(ctx.db, staff_development.StaffDevelopmentQuery(year=year)))
    counts = staff_development.counts(ctx.db, year=year)
    document = new_document(ctx, _("Staff development summary"),
                            _("Programmes that started in {year}").format(year=year) if year else
                            _("Retraining and professional development of the partner universities' staff"))
    names = university_names(ctx, {c.university_id for c in counts})
    countries = {choice.id: choice.country for choice in university_choices(ctx.db)} if counts else {}
    document.add(
        Heading(_("Summary")),
        KeyValues([
            (_("Programmes"), number(ctx, len(programmes))),
            (_("Participations"), number(ctx, sum(p.participants for p in programmes))),
            (_("Completed the course"), number(ctx, sum(p.completed for p in programmes))),
            (_("Universities whose staff took part"), number(ctx, len({c.university_id for c in counts}))),
            (_("Hours of training offered"), number(ctx, sum(p.hours or 0 for p in programmes))),
        ]),
    )
    by_topic = Counter()
    for programme in programmes:
        by_topic[programme.topic] += programme.participants
    if by_topic:
        topics = [key for key in TOPIC_LABELS if by_topic.get(key)]
        document.add(Chart("bar", _("Staff who took part, by topic"), [label(ctx, TOPIC_LABELS, t) for t in topics],
                           [by_topic[t] for t in topics], [number(ctx, by_topic[t]) for t in topics]))

    ordered = in_order(ctx, {c.university_id for c in counts}, lambda uid: names.get(uid, ""))
    position = {uid: index for index, uid in enumerate(ordered)}
    counts.sort(key=lambda c: (position.get(c.university_id, 0), -c.year))
    document.add(
        Heading(_("Staff trained per university and year")),
        Text(_("A person is counted once a year, however many programmes they took."), style="note"),
        Table(_("Staff trained per university and year"),
              [Column(_("University"), 3), Column(_("Year"), 0.7), Column(_("Took part"), 1, True),
               Column(_("Completed"), 1, True)],
              [[with_state(ctx, names.get(c.university_id, ""), countries.get(c.university_id, "")),
                str(c.year), number(ctx, c.participants), number(ctx, c.completed)] for c in counts],
              [[names.get(c.university_id, ""), c.year, c.participants, c.completed] for c in counts],
              sheet=_("Per university")),
    )
    rows, values = [], []
    for programme in programmes:
        topic = label(ctx, TOPIC_LABELS, programme.topic)
        if programme.topic_detail:
            topic = _("{label}: {detail}").format(label=topic, detail=programme.topic_detail)
        dates = format_date(programme.start_date, "medium", lang) + (
            " – " + format_date(programme.end_date, "medium", lang) if programme.end_date else "")
        rows.append([programme.title, programme.provider or "—", topic, label(ctx, FORMAT_LABELS, programme.delivery),
                     dates,
                     number(ctx, programme.hours) if programme.hours else "—", number(ctx, programme.participants),
                     number(ctx, programme.completed)])
        # The same columns as the printed table (a sheet's headings are the table's): the dates as printed.
        values.append([programme.title, programme.provider, topic, label(ctx, FORMAT_LABELS, programme.delivery),
                       dates, programme.hours, programme.participants, programme.completed])
    document.add(
        Heading(_("Programmes")),
        Table(_("Programmes"), [Column(_("Programme"), 2.2), Column(_("Provider"), 1.4), Column(_("Topic"), 1.4),
                                Column(_("Format"), 0.9),
                                Column(_("Dates"), 1.6), Column(_("Hours"), 0.6, True),
                                Column(_("Took part"), 0.8, True),
                                Column(_("Completed"), 0.8, True)], rows, values, sheet=_("Programmes")),
    )
    if not programmes:
        document.add(Text(_("No staff-development programme is recorded."), style="note"))
    if ctx.options.include_personal_data and programmes:
        people_rows, people_values = [], []
        for programme in programmes:
            for person in staff_development.participants(ctx.db, programme.id, reveal_personal=True):
                done = _("yes") if person.completed else _("no")
                people_rows.append([programme.title, person.name, person.job_title,
                                    with_state(ctx, names.get(person.university_id, person.university_name),
                                               person.country_code), done])
                people_values.append([programme.title, person.name, person.email, person.job_title,
                                      person.university_name, done])
        document.add(Heading(_("Participants")),
                     Table(_("Participants"), [Column(_("Programme"), 2), Column(_("Name"), 1.6),
                                               Column(_("Position"), 1.6), Column(_("University"), 2.2),
                                               Column(_("Completed"), 0.8)], people_rows, sheet=_("Participants"),
                           in_sheets=False))
        document.sheet_only.append(Table(_("Participants"), [Column(_("Programme")), Column(_("Name")),
                                                             Column(_("E-mail")), Column(_("Position")),
                                                             Column(_("University")), Column(_("Completed"))],
                                         [], people_values, sheet=_("Participants")))
    return document


KIND = ReportKind("staff-development", N_("Staff development summary"), tabular=True, gather=gather,
                  description=N_("Retraining and professional-development programmes, the staff of each university "
                                 "who took part and completed them per year; names only with personal data"),
                  uses_year=True)
