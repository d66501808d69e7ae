"""What every report kind shares: the document shell (cover, header) and labels in the report's language."""

from __future__ import annotations

from desktop_app.domain.universities import INSTITUTION_TYPE_LABELS, MEMBERSHIP_STATUS_LABELS, NETWORK_ROLE_LABELS
from desktop_app.i18n import N_, is_rtl
from desktop_app.i18n.formatting import country_name, format_date, format_number
from desktop_app.reports.model import Document
from desktop_app.reports.registry import ReportContext

PERSONAL_INCLUDED = N_("Personal data: contact persons are included at the user's request. "
                       "Handle this report as personal data.")
PERSONAL_LEFT_OUT = N_("Personal data: contact persons are left out of this report.")


def new_document(ctx: ReportContext, title: str, subtitle: str = "") -> Document:
    """A document with cover lines and page header in the report's language."""
    _ = ctx._
    options = ctx.options
    lang = options.lang
    state = country_name(options.state_code, lang) if options.state_code else ""
    date = format_date(options.today, "long", lang)
    header_parts = [part for part in (
        _("Member state: {state}").format(state=state) if state else "",
        _("Coordinator: {name}").format(name=options.coordinator) if options.coordinator else "",
        date,
    ) if part]
    cover = []
    if state:
        cover.append(_("Member state: {state}").format(state=state))
    if options.coordinator:
        cover.append(_("National coordinator: {name}").format(name=options.coordinator))
    cover.append(_("Date: {date}").format(date=date))
    cover.append(_(PERSONAL_INCLUDED) if options.include_personal_data else _(PERSONAL_LEFT_OUT))
    if options.draft:
        cover.append(_("Draft: not for circulation."))
    cover.append(_("CICA Partnership Network of Leading Universities"))
    return Document(title=title, subtitle=subtitle, options=options, cover_lines=cover,
                    header=" · ".join(header_parts), rtl=is_rtl(lang))


def status_title(ctx: ReportContext, status: str) -> str:
    title = MEMBERSHIP_STATUS_LABELS.get(status)
    return ctx._(title) if title else status


def role_title(ctx: ReportContext, role: str) -> str:
    title = NETWORK_ROLE_LABELS.get(role)
    return ctx._(title) if title else role


def institution_type_title(ctx: ReportContext, kind: str) -> str:
    title = INSTITUTION_TYPE_LABELS.get(kind)
    return ctx._(title) if title else kind


def number(ctx: ReportContext, value: int | float | None) -> str:
    return format_number(value, ctx.options.lang) if value is not None else ""


def state(ctx: ReportContext, code: str) -> str:
    return country_name(code, ctx.options.lang)
