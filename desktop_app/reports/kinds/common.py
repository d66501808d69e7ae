"""What every report kind shares: the document shell (title block or cover, running header) and labels in
the report's language."""

from __future__ import annotations

from desktop_app.domain.universities import INSTITUTION_TYPE_LABELS, MEMBERSHIP_STATUS_LABELS, NETWORK_ROLE_LABELS
from desktop_app.i18n import N_, is_rtl
from desktop_app.i18n.formatting import country_name, format_date, format_number
from desktop_app.reports.model import Document
from desktop_app.reports.registry import ReportContext
from desktop_app.reports.unicode_text import isolate
from desktop_app.services.collation import sort_key
from desktop_app.services.university_names import names_for_reader

PERSONAL_INCLUDED = N_("Personal data: contact persons are included at the user's request. "
                       "Handle this report as personal data.")
PERSONAL_LEFT_OUT = N_("Personal data: contact persons are left out of this report.")
NETWORK = N_("CICA Partnership Network of Leading Universities")


def fill(ctx: ReportContext, message: str, **values: object) -> str:
    """``message`` translated into the report's language with its values inserted (isolated where
    directions may mix, see ``registry.Template``)."""
    return ctx._(message).format(**values)


def with_state(ctx: ReportContext, name: str, code: str) -> str:
    """"University (State)", the name isolated so that its direction cannot pull the parentheses along."""
    return f"{isolate(name) if ctx.tr.is_rtl or tl_has_rtl(name) else name} ({state(ctx, code)})"


def tl_has_rtl(text: str) -> bool:
    from desktop_app.reports.registry import _has_rtl

    return _has_rtl(text)


def period(ctx: ReportContext) -> str:
    """What the report covers: the year chosen, else the state of the records on the report's date."""
    options = ctx.options
    date = format_date(options.today, "long", options.lang)
    if options.year:
        return fill(ctx, N_("Year {year}"), year=options.year)
    return fill(ctx, N_("As of {date}"), date=date)


def new_document(ctx: ReportContext, title: str, subtitle: str = "") -> Document:
    """A document with its title-block lines and running header in the report's language."""
    _ = ctx._
    options = ctx.options
    lang = options.lang
    state = country_name(options.state_code, lang) if options.state_code else ""
    date = format_date(options.today, "long", lang)
    detail = [part for part in (
        fill(ctx, N_("Member state: {state}"), state=state) if state else "",
        fill(ctx, N_("Coordinator: {name}"), name=options.coordinator) if options.coordinator else "",
        period(ctx),
    ) if part]
    lines = []
    if state:
        lines.append(fill(ctx, N_("Member state: {state}"), state=state))
    if options.coordinator:
        lines.append(fill(ctx, N_("National coordinator: {name}"), name=options.coordinator))
    lines.append(fill(ctx, N_("Date: {date}"), date=date))
    lines.append(_(PERSONAL_INCLUDED) if options.include_personal_data else _(PERSONAL_LEFT_OUT))
    if options.draft:
        lines.append(_("Draft: not for circulation."))
    return Document(title=title, subtitle=subtitle, options=options, cover_lines=lines,
                    header=f"{_(NETWORK)} · {title}", header_detail=" · ".join(detail), rtl=is_rtl(lang))


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


def in_order(ctx: ReportContext, codes, name=None) -> list:
    """State codes (or items, with ``name(item)`` giving the text) in the reader's alphabetical order of
    their names in the report's language (Kazakh: Ауғанстан, Әзірбайжан … Қазақстан, Қытай)."""
    name = name or (lambda code: state(ctx, code))
    lang = ctx.options.lang
    return sorted(codes, key=lambda item: sort_key(name(item), lang))


def university_names(ctx: ReportContext, ids) -> dict[int, str]:
    """Universities named as a reader of the report's language sees them (``services.university_names``)."""
    return names_for_reader(ctx.db, list(ids), ctx.options.lang)
