"""Reading university files through the input gate: ROR JSON (an array, the ROR API's ``items``, or
one record) and JSON Lines, CSV in any of the encodings people send, XLSX."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop_app.exchange.input_gate import LIMITS, JsonProblem, Limits, decode_text, load_json, read_bytes
from desktop_app.exchange.input_tables import Table, read_csv, read_xlsx
from desktop_app.i18n import _

__all__ = ["Table", "read_csv", "read_ror", "read_xlsx"]


def read_ror(path: Path, limits: Limits = LIMITS) -> Iterator[tuple[int, object, str]]:
    """(line, record, problem) for each ROR record of a file: an empty problem when the record is JSON
    (its fields are checked by ``ror.draft_from_record``). A JSON document is refused whole when it is
    not valid; a JSON Lines file loses only its invalid lines. Records of a JSON array are numbered."""
    path = Path(path)
    text, _encoding = decode_text(read_bytes(path, "json", limits), path.name)
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    filled = [line for line in lines if line.strip()]
    if text.lstrip().startswith("[") or len(filled) < 2 or not _whole_value(filled[0], limits):
        yield from _document(text, path.name, limits)
        return
    for number, line in enumerate(lines, start=1):  # JSON Lines: an invalid line is rejected alone
        if not line.strip():
            continue
        try:
            yield number, load_json(line, limits), ""
        except JsonProblem as problem:
            yield number, None, problem.message.text()


def _whole_value(line: str, limits: Limits) -> bool:
    try:
        load_json(line, limits)
    except JsonProblem:
        return False
    return True


def _document(text: str, name: str, limits: Limits) -> Iterator[tuple[int, object, str]]:
    from desktop_app.exchange.input_gate import parse_json

    value = parse_json(text, name, limits=limits)
    if isinstance(value, dict) and isinstance(value.get("items"), list):  # a ROR API answer
        value = value["items"]
    if isinstance(value, dict):
        yield 1, value, ""
        return
    if not isinstance(value, list):
        yield 1, None, _("a record must be a JSON object")
        return
    for index, record in enumerate(value, start=1):
        yield index, record, ""
