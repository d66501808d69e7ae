"""One-page dossier of one university: names in every script, standing in the network, rankings,
accreditations, status history, areas of cooperation, and contacts when the user includes them."""

from __future__ import annotations

from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, language_name
from desktop_app.reports.kinds.common import (
    PERSONAL_INCLUDED,
    PERSONAL_LEFT_OUT,
    institution_type_title,
    new_document,
    role_title,
    state,
    status_title,
)
from desktop_app.reports.model import Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import report_data
from desktop_app.services.university_names import choose_name

NAME_KIND_LABELS = {"official": N_("Official"), "display": N_("Display"), "label": N_("Translation"),
                    "alias": N_("Alias")}
RANKING_LABELS = {"qs": "QS", "the": "THE", "arwu": "ARWU", "national": N_("National ranking")}


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    data = report_data.dossier(ctx.db, ctx.options.university_id, ctx.options.include_personal_data)
    name = choose_name([(value, code) for value, code, kind in data.names if kind != "alias"], data.country_code,
                       lang, data.display_name)
    document = new_document(ctx, name, _("University dossier"))
    document.cover = False  # one page: the essentials go on the first page, under the header
    date = lambda value: format_date(value, "medium", lang) if value else ""  # noqa: E731
    document.add(
        Heading(name),
        KeyValues([
            (_("Member state"), state(ctx, data.country_code)),
            (_("City"), data.city),
            (_("Type"), institution_type_title(ctx, data.institution_type)),
            (_("Role in the network"), role_title(ctx, data.network_role)),
            (_("Status"), status_title(ctx, data.status) + (f" ({date(data.status_since)})" if data.status_since
                                                            else "")),
            (_("Founded"), str(data.established or "")),
            (_("Acronym"), data.acronym),
            (_("ROR ID"), data.ror_id),
            (_("Website"), data.website),
        ]),
        Heading(_("Names"), 2),
        Table(_("Names"), [Column(_("Name"), 4), Column(_("Language"), 1.2), Column(_("Kind"), 1)],
              [[value, language_name(code, lang) if code else "", _(NAME_KIND_LABELS.get(kind, kind))]
               for value, code, kind in data.names]),
        Heading(_("Areas of cooperation"), 2),
        Text(", ".join(_(AREAS_BY_KEY[key].title) if key in AREAS_BY_KEY else key for key in data.areas)
             or _("Nothing recorded.")),
        Heading(_("Rankings"), 2),
        Table(_("Rankings"), [Column(_("Ranking"), 1.6), Column(_("Subject"), 2), Column(_("Year"), 0.6, True),
                              Column(_("Rank"), 0.8, True)],
              [[r["system_name"] or _(RANKING_LABELS.get(str(r["system"]), str(r["system"]))),
                str(r["subject"]) or _("Overall"), str(r["year"]), str(r["rank"])] for r in data.rankings]),
        Heading(_("Accreditations"), 2),
        Table(_("Accreditations"), [Column(_("Agency"), 2.5), Column(_("Label"), 1.5), Column(_("Valid from"), 1),
                                    Column(_("Valid to"), 1)],
              [[str(a["agency"]), str(a["label"]), date(a["valid_from"]), date(a["valid_to"])]
               for a in data.accreditations]),
        Heading(_("Status history"), 2),
        Table(_("Status history"), [Column(_("Date"), 1), Column(_("Status"), 1.5), Column(_("Note"), 3)],
              [[date(day), status_title(ctx, status), note] for day, status, note in data.status_history]),
        Heading(_("Contacts"), 2),
    )
    if ctx.options.include_personal_data:
        document.add(Text(_(PERSONAL_INCLUDED), style="note"),
                     Table(_("Contacts"), [Column(_("Name"), 1.6), Column(_("Position"), 1.6),
                                           Column(_("E-mail"), 1.6), Column(_("Phone"), 1.1)],
                           [[c["name"], c["position"], c["email"], c["phone"]] for c in data.contacts]))
    else:
        document.add(Text(_(PERSONAL_LEFT_OUT), style="note"))
    return document


KIND = ReportKind("university-dossier", N_("University dossier"), tabular=False, gather=gather,
                  description=N_("One page on one university: names in every script, status, rankings, "
                                 "accreditations, history, areas and (optionally) contacts"),
                  needs_university=True)
