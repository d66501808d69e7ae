"""Records of a data package field by field: what differs between ours and theirs, a record built
from a choice per field, the words that name records, kinds and states.

A *field* is a column of the record's own row (``city``, ``status``) or one of the collections it owns,
taken whole (``names``, ``contacts``, ``periods``; ``documents`` for attached files). Collections are
named after their table, without the words they share with the record's table
(``university_names`` -> ``names``), so a kind added later gets field names without a list here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.contract import Message
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import N_, _
from desktop_app.storage import package_rows, snapshot_schema
from desktop_app.storage.ownership import OWNER_COLUMN

DOCUMENTS_FIELD = "documents"
#: Columns that say which record this is, never offered as a field to choose.
IDENTITY_COLUMNS = frozenset({"uuid", "created_at", package_rows.VOLATILE, OWNER_COLUMN})
#: Root columns tried in order for a record's label in previews and conflict lists. Written out
#: because no column in the schema says "this is the record's name"; the UUID is the last resort.
LABEL_COLUMNS = ("display_name", "title", "reference", "qualification_title", "academic_year", "state_code",
                 "code", "number", "name")
#: Titles of the kinds of record, for previews. Written out because they are translated; a kind added
#: later without a title here is shown by its key.
KIND_TITLES = {
    "university": N_("Universities"),
    "agreement": N_("Agreements"),
    "programme": N_("Joint programmes"),
    "calendar": N_("Academic calendars"),
    "credit_conversion": N_("Credit conversions"),
    "equivalence_rule": N_("Equivalence rules"),
    "recognition_case": N_("Recognition cases"),
    "mobility": N_("Mobility records"),
    "event": N_("Joint events"),
    "roadmap_action": N_("Road-map actions"),
    "expert_meeting": N_("Expert meetings"),
    "working_group_member": N_("Working-group members"),
    "organisation": N_("Organisations"),
    "body": N_("Bodies of the network"),
    "decision": N_("Decisions and recommendations"),
    "scholarship_programme": N_("Scholarship programmes"),
    "evaluation": N_("Programme evaluations"),
    "programme_accreditation": N_("Programme accreditations"),
    "indicator_year": N_("Programme indicators"),
    "survey": N_("Surveys"),
    "staff_development": N_("Staff-development programmes"),
}


def kind_title(kind: str) -> str:
    return _(KIND_TITLES[kind]) if kind in KIND_TITLES else kind


class StateName:
    """A member state's name in the language of the moment (its CLDR name), or the working group.
    Given to a Message as a parameter, it is looked up when the message is shown."""

    def __init__(self, code: str | None):
        self.code = code

    def __str__(self) -> str:
        if not self.code:
            return _("the working group")
        from desktop_app.i18n.formatting import country_name

        return country_name(self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StateName) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)


class Moment:
    """A time shown in the reader's language when the message is shown (CLDR format)."""

    def __init__(self, value):
        self.value = value

    def __str__(self) -> str:
        from desktop_app.i18n.formatting import format_datetime

        return format_datetime(self.value)


def collection_name(kind: str, table_name: str) -> str:
    """``university_names`` -> ``names``; ``calendar_periods`` -> ``periods``."""
    root = package_rows.layout(kind).root.name
    words = table_name.split("_")
    for cut in range(len(words) - 1, 0, -1):
        prefix = "_".join(words[:cut])
        if root.startswith(prefix[:-1] if prefix.endswith("y") else prefix) or prefix in root:
            return "_".join(words[cut:])
    return table_name


def _fields_map(kind: str) -> dict[str, tuple[str, str | None]]:
    """Field name -> ("column", column) | ("table", table) | ("documents", None)."""
    shape = package_rows.layout(kind)
    found: dict[str, tuple[str, str | None]] = {
        column.name: ("column", column.name) for column in shape.root.columns
        if column.name not in IDENTITY_COLUMNS and not snapshot_schema._skipped(shape.root, column)}
    for name, _target in package_rows.uuid_targets(shape.root).items():
        found.pop(name, None)
        found[snapshot_schema.ref_key(name)] = ("column", snapshot_schema.ref_key(name))
    for table in shape.tables[1:]:
        found[collection_name(kind, table.name)] = ("table", table.name)
    if shape.documents:
        found[DOCUMENTS_FIELD] = ("documents", None)
    return found


def field_names(kind: str) -> list[str]:
    return list(_fields_map(kind))


def _root(line: dict[str, Any]) -> dict[str, Any]:
    table = package_rows.layout(line["kind"]).root.name
    return (line["rows"].get(table) or [{}])[0]


def _inner_references(kind: str) -> frozenset[str]:
    """``<name>_uuid`` keys that point at rows inside the record (a course's semester): identifiers
    the record's own service may renew on every save, like the rows' own UUIDs."""
    shape = package_rows.layout(kind)
    inner = {table.name for table in shape.tables[1:]}
    return frozenset(snapshot_schema.ref_key(column) for table in shape.tables
                     for column, target in package_rows.uuid_targets(table).items() if target.name in inner)


def _plain(kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A collection by content: without row identifiers and times, in a stable order."""
    hidden = {"uuid", "created_at", package_rows.VOLATILE} | _inner_references(kind)
    plain = [{k: v for k, v in row.items() if k not in hidden} for row in rows or ()]
    return sorted(plain, key=package_rows.dumps)


def field_value(line: dict[str, Any], field: str) -> Any:
    how, name = _fields_map(line["kind"])[field]
    if how == "column":
        return _root(line).get(name or "")
    if how == "table":
        return _plain(line["kind"], line["rows"].get(name or "", []))
    return _plain(line["kind"], line.get("documents", []))


def differing_fields(ours: dict[str, Any], theirs: dict[str, Any], personal: bool = True) -> list[str]:
    """The fields in which two lines of the same kind differ by content (times of change and the
    identifiers of owned rows aside). A column the other line does not carry (personal data left
    out) is not a difference."""
    if not personal:
        ours = package_rows.strip_personal(ours)
    found = []
    for field, (how, name) in _fields_map(theirs["kind"]).items():
        if how == "column" and name not in _root(theirs):
            continue
        if field_value(ours, field) != field_value(theirs, field):
            found.append(field)
    return found


def field_pairs(ours: dict[str, Any], theirs: dict[str, Any], personal: bool = True) -> list[dict[str, Any]]:
    if not personal:
        ours = package_rows.strip_personal(ours)
    return [{"field": field, "ours": field_value(ours, field), "theirs": field_value(theirs, field)}
            for field in differing_fields(ours, theirs)]


def with_local_personal(theirs: dict[str, Any], ours: dict[str, Any] | None) -> dict[str, Any]:
    """Theirs, with the personal data a package without it could not carry taken from ours: personal
    columns of rows both hold, and personal tables whole."""
    kind = theirs["kind"]
    if ours is None or not package_rows.has_personal_data(kind):
        return theirs
    personal_tables = package_rows.personal_tables(kind)
    rows: dict[str, list] = {}
    for table in package_rows.layout(kind).tables:
        if table.name in personal_tables:
            if ours["rows"].get(table.name):
                rows[table.name] = ours["rows"][table.name]
            continue
        wanted = theirs["rows"].get(table.name)
        if wanted is None:
            continue
        hidden = package_rows.personal_columns(table.name)
        if hidden:
            local = {row.get("uuid"): row for row in ours["rows"].get(table.name, ())}
            if table is package_rows.layout(kind).root:
                local = {row.get("uuid"): row for row in ours["rows"].get(table.name, ())}
            wanted = [{**{k: local[row.get("uuid")][k] for k in hidden
                          if k not in row and row.get("uuid") in local and k in local[row.get("uuid")]}, **row}
                      for row in wanted]
        rows[table.name] = wanted
    return {**theirs, "rows": rows}


def refresh_search_text(line: dict[str, Any]) -> None:
    """A record that came without personal data has no search text (it is personal: it folds in names
    and e-mails); it gets one folded from every text it does hold, so it is found in its list until it
    is next saved here."""
    root = _root(line)
    table = package_rows.layout(line["kind"]).root
    if "search_text" not in table.c or "search_text" not in package_rows.personal_columns(table.name):
        return
    parts: list[str] = []
    for rows in line["rows"].values():
        for row in rows:
            parts += [value for key, value in row.items() if isinstance(value, str) and value
                      and key not in IDENTITY_COLUMNS and key != "search_text" and not key.endswith("_uuid")]
    root["search_text"] = fold_for_search(" | ".join(parts))


def merged(ours: dict[str, Any], theirs: dict[str, Any], choices: dict[str, str]) -> dict[str, Any]:
    """Ours with the fields chosen as "theirs" taken from theirs."""
    kind = ours["kind"]
    result = {**ours, "rows": {name: list(rows) for name, rows in ours["rows"].items()},
              "documents": list(ours.get("documents", []))}
    root_name = package_rows.layout(kind).root.name
    root = dict(_root(ours))
    their_root = _root(theirs)
    for field, choice in choices.items():
        if choice != "theirs":
            continue
        how, name = _fields_map(kind)[field]
        if how == "column":
            if name in their_root:
                root[name] = their_root[name]
        elif how == "table":
            result["rows"][name] = list(theirs["rows"].get(name, []))
        else:
            result["documents"] = list(theirs.get("documents", []))
    result["rows"][root_name] = [root]
    return result


def label(line: dict[str, Any]) -> str:
    """A record's name for lists: its display name, title or reference; else its UUID."""
    root = _root(line)
    for column in LABEL_COLUMNS:
        value = root.get(column)
        if value not in (None, ""):
            return str(value)
    return line["uuid"]


@dataclass(frozen=True)
class FieldChoice:
    field: str
    choice: str  # "ours" | "theirs"


def message_from(detail: dict[str, Any] | None) -> Message | None:
    """A message kept as JSON (``{"msgid", "params"}``) back as a Message; state codes come back as names."""
    if not detail or "msgid" not in detail:
        return None
    params = dict(detail.get("params", {}))
    for key in list(params):
        if key.endswith("_state"):
            params[key.removesuffix("_state")] = StateName(params.pop(key))
    return Message(detail["msgid"], params)
