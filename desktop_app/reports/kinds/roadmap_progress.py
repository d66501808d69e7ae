"""Road-map progress: the working group's actions, their deadlines and how far each has come."""

from __future__ import annotations

from desktop_app.domain.roadmap import is_overdue
from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import new_document, number
from desktop_app.reports.model import Chart, Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import report_data

ACTION_STATUS_LABELS = {
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "delayed": N_("Delayed"),
    "cancelled": N_("Cancelled"),
}


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    actions = report_data.roadmap(ctx.db)
    document = new_document(ctx, _("Road-map progress"),
                            _("Actions of the working group's road map and their completion"))
    rows, values, counts, overdue = [], [], {}, set()
    from desktop_app.services import organisations

    actor_ids = sorted({i for action in actions for i in action["organisation_ids"]})  # type: ignore[attr-defined]
    actor_names = {c.id: c.label for c in organisations.choices(ctx.db, ids=actor_ids, lang=ctx.options.lang)} \
        if actor_ids else {}
    for index, action in enumerate(actions):
        status = str(action["status"])
        status_label = _(ACTION_STATUS_LABELS[status]) if status in ACTION_STATUS_LABELS else status
        counts[status_label] = counts.get(status_label, 0) + 1
        # Flagged in words as well as shaded, as the Road map page flags it (a colour alone is lost in
        # black-and-white print and to colour-blind readers).
        if is_overdue(status, int(action["year"]), int(action["q_to"]), ctx.options.today):
            overdue.add(index)
            status_label = _("{status} — overdue").format(status=status_label)
        quarters = (_("Q{quarter} {year}").format(quarter=action["q_from"], year=action["year"])
                    if action["q_from"] == action["q_to"] else
                    _("Q{first}–Q{last} {year}").format(first=action["q_from"], last=action["q_to"],
                                                        year=action["year"]))
        row = [number(ctx, action["number"]), _(str(action["title_en"])), _(str(action["form_en"])), quarters,
               "\n".join(part for part in [_(str(action["responsible_en"])) if action["responsible_en"] else "",
                                            *(actor_names.get(i, "") for i in action["organisation_ids"])]  # type: ignore
                          if part),
               status_label, str(action["notes"] or "")]
        rows.append(row)
        values.append([action["number"], *row[1:]])
    done = sum(1 for action in actions if action["status"] == "done")
    document.add(
        Heading(_("Summary")),
        Text(_("{done} of {total} actions completed.").format(done=number(ctx, done), total=number(ctx, len(actions)))),
        Chart("pie", _("Actions by status"), list(counts), list(counts.values()),
              [number(ctx, v) for v in counts.values()]),
        Heading(_("Actions")),
        Text(ctx.tr.ngettext("{count} action is past its deadline and not done: its row is shaded.",
                             "{count} actions are past their deadline and not done: their rows are shaded.",
                             len(overdue)).format(count=number(ctx, len(overdue))) if overdue else
             _("No action is past its deadline."), style="note"),
        Table(_("Road-map actions"), [Column(_("No."), 0.4, numeric=True), Column(_("Action"), 3.2),
                                      Column(_("Form of completion"), 1.3), Column(_("Deadline"), 1.0),
                                      Column(_("Responsible"), 2.4), Column(_("Status"), 0.9),
                                      Column(_("Notes"), 1.3)],
              rows, values, sheet=_("Road map"), highlight=frozenset(overdue)),
    )
    return document


KIND = ReportKind("roadmap-progress", N_("Road-map progress"), tabular=True, gather=gather,
                  description=N_("The road map's actions with deadline, responsible actors and status"))
