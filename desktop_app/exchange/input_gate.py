"""The one gate every imported file passes before an importer looks at its content.

What it guarantees, for every importer (universities, rankings, recognition cases, calendars, EWP
agreements; anything new reads its files through here too):

* **the real type from the content**, not the file name: a PNG renamed ``.csv`` is refused in one
  sentence ("photo.csv is a PNG image, not a CSV file"), and so is a workbook given as CSV, an XML
  file given as JSON, an old ``.xls`` given as XLSX;
* **limits before work**: the file's size, the rows of a table, a workbook's unpacked size and
  compression ratio (read from the archive's directory before openpyxl opens it, so a small file
  that unpacks to a gigabyte costs nothing), the nesting depth of JSON, the number and depth of XML
  elements;
* **text in a known encoding**: UTF-8 with or without its BOM, UTF-16 and UTF-32 (by their BOM, or
  UTF-16 by the zero bytes of ASCII text), else Windows-1251; anything else is refused, never read
  with replacement characters;
* **XML without surprises**: parsed with defusedxml from the bytes, never from a path or a URL; a
  document type, an entity or an external reference is refused;
* **text fields without control characters**: :func:`cell_problem` names what
  ``storage.values`` would refuse, so an importer rejects the row with its line and field.

Tables (CSV and XLSX) are read in ``exchange/input_tables.py`` on top of this module.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.i18n import N_

MB = 1024 * 1024


class FileRefused(UserError):
    """An imported file refused whole, before anything was read into the database."""


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * MB
    rows: int = 1_000_000
    columns: int = 500
    cell_chars: int = 131_072  # the csv module's own limit
    archive_members: int = 5_000
    unpacked_bytes: int = 512 * MB
    #: unpacked / packed size of one archive member larger than ``ratio_floor``; office files reach 10-30
    ratio: int = 100
    ratio_floor: int = 4 * MB
    json_depth: int = 64
    xml_elements: int = 500_000
    xml_depth: int = 64
    events: int = 20_000


LIMITS = Limits()

#: What a file can turn out to be, in words (a noun phrase with its article).
KIND_NAMES = {
    "png": N_("a PNG image"), "jpeg": N_("a JPEG image"), "gif": N_("a GIF image"), "webp": N_("a WebP image"),
    "pdf": N_("a PDF document"), "zip": N_("a ZIP archive"), "xlsx": N_("an XLSX workbook"),
    "docx": N_("a Word document"), "ods": N_("an OpenDocument file"), "xls": N_("an Excel 97–2003 workbook (.xls)"),
    "gzip": N_("a compressed (gzip) file"),
    "damaged-zip": N_("a damaged ZIP archive"), "sqlite": N_("an SQLite database"), "program": N_("a program"),
    "binary": N_("a binary file"), "xml": N_("an XML file"), "json": N_("a JSON file"),
    "ics": N_("an iCalendar file"), "text": N_("a text file"), "csv": N_("a CSV file"), "package": N_("a data package"),
}
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
          (b"%PDF-", "pdf"), (b"\x1f\x8b", "gzip"), (b"SQLite format 3\x00", "sqlite"),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"), (b"\x7fELF", "program"),
          (b"7z\xbc\xaf\x27\x1c", "zip"), (b"Rar!\x1a\x07", "zip"))
#: C0 controls but tab, line feed and carriage return; lone surrogates (as storage.values refuses).
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _size_text(size: int) -> str:
    from desktop_app.i18n.formatting import format_number

    return format_number(round(size / MB, 1)) + " MB" if size >= MB else format_number(size) + " B"


def _kind_message(kind: str) -> Message:
    return Message(KIND_NAMES.get(kind, KIND_NAMES["binary"]))


# -- what a file is -------------------------------------------------------------------------------

def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return "damaged-zip"
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if "manifest.json" in names:
        return "package"
    return "zip"


def text_head(data: bytes, size: int = 2048) -> str:
    """The beginning of a text file, decoded as well as its first bytes allow (for telling its type)."""
    head = data[:size]
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                          (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, "ignore")
    guessed = _utf16_without_bom(head)
    return head.decode(guessed or "utf-8", "ignore")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 told by the zero bytes of ASCII text: every other byte zero, on the same side."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def sniff(data: bytes) -> str:
    """What the content is: one of the keys of KIND_NAMES, or "empty"."""
    if not data.strip():
        return "empty"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"MZ") and b"PE\x00\x00" in data[:1024]:
        return "program"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    head = text_head(data).lstrip("\ufeff \t\r\n")
    if not head:
        return "text"
    sample = head[:1024]
    if sum(1 for char in sample if FORBIDDEN.match(char)) > max(2, len(sample) // 20):
        return "binary"
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return "ics"
    if head.startswith("<") and re.match(r"<(\?xml|!--|!DOCTYPE|[A-Za-z_])", head):
        return "xml"
    if head[0] in "[{":
        return "json"
    return "text"


#: Which kinds each expected format accepts.
_ACCEPTS = {"csv": {"text"}, "xlsx": {"xlsx", "damaged-zip"}, "json": {"json"}, "xml": {"xml"}, "ics": {"ics"}}


def refuse_wrong_type(name: str, kind: str, expected: str) -> None:
    """Raise FileRefused unless a file whose content is ``kind`` can be read as ``expected``."""
    if kind == "empty":
        raise FileRefused("{name} is empty.", name=name)
    if kind in _ACCEPTS[expected]:
        return
    if expected == "csv" and kind in ("json", "xml", "ics"):
        return  # text; a CSV can begin with "<" or "[" (its header is checked by the importer)
    raise FileRefused("{name} is {found}, not {expected}.", name=name, found=_kind_message(kind),
                      expected=_kind_message(expected))


def read_bytes(path: str | Path, expected: str, limits: Limits = LIMITS) -> bytes:
    """The bytes of a file an import reads, refused in one sentence when it is missing, too large or of
    another type than ``expected`` (csv, xlsx, json, xml, ics)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileRefused("{name} is not a file.", name=str(path))
        if size > limits.file_bytes:
            raise FileRefused("{name} is {size}; an import reads files of at most {limit}.", name=path.name,
                              size=_size_text(size), limit=_size_text(limits.file_bytes))
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise FileRefused("There is no file {name}.", name=str(path)) from error
    except OSError as error:
        raise FileRefused("Cannot read {name}: {reason}", name=str(path),
                          reason=error.strerror or str(error)) from error
    refuse_wrong_type(path.name, sniff(data), expected)
    return data


# -- text -----------------------------------------------------------------------------------------

def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a text file; refused when it is in none of the encodings we read."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decoded(data, encoding, name), encoding
    guessed = _utf16_without_bom(data[:4000])
    if guessed:
        return _decoded(data, guessed, name), guessed
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decoded(data, "cp1251", name), "cp1251"


def _decoded(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "cp1251":
            raise FileRefused("{name} is not text in an encoding an import reads (UTF-8, UTF-16 or Windows-1251): "
                              "byte {position} cannot be read.", name=name, position=error.start + 1) from error
        raise FileRefused("{name} is not valid {encoding} text: byte {position} cannot be read.", name=name,
                          encoding=encoding.upper().replace("-SIG", ""), position=error.start + 1) from error


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def cell_problem(value: str) -> Message | None:
    """What is wrong with one text value read from a file (a character no record may hold), or None."""
    found = FORBIDDEN.search(value)
    if found is None:
        return None
    return Message("it holds a control character that cannot be stored ({code}, position {position})",
                   {"code": "U+" + format(ord(found.group()), "04X"), "position": found.start() + 1})


# -- JSON -----------------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def json_too_deep(text: str, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects deeper than ``limit`` (strings skipped)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


class JsonProblem(Exception):
    """JSON that cannot be read: ``message`` says why, ``line`` where (counted from the text given)."""

    def __init__(self, message: Message, line: int = 1):
        super().__init__(message.msgid)
        self.message = message
        self.line = line


def load_json(text: str, limits: Limits = LIMITS):
    """A JSON value, or JsonProblem: nesting past the limit is refused before the parser recurses."""
    import json

    if json_too_deep(text, limits.json_depth):
        raise JsonProblem(Message("the JSON nests deeper than {limit} levels", {"limit": limits.json_depth}))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonProblem(Message("not valid JSON ({problem})", {"problem": error.msg}), error.lineno) from error
    except (ValueError, RecursionError) as error:  # a number of thousands of digits; nesting past the check
        raise JsonProblem(Message("not valid JSON ({problem})", {"problem": str(error).split(":")[0]})) from error


def parse_json(text: str, name: str, line: int = 1, limits: Limits = LIMITS):
    """A JSON value, or FileRefused naming the line (``line``: where ``text`` starts in the file)."""
    try:
        return load_json(text, limits)
    except JsonProblem as problem:
        raise FileRefused("{name}, line {line}: {problem}.", name=name, line=line + problem.line - 1,
                          problem=problem.message) from problem


# -- XML ------------------------------------------------------------------------------------------

def parse_xml(data: bytes, name: str, limits: Limits = LIMITS):
    """The root element of an XML document read from its bytes with defusedxml: no document type, no
    entity, no external reference, no more elements or depth than the limits allow."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    root = None
    count = depth = 0
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
            if event == "end":
                depth -= 1
                continue
            if root is None:
                root = element
            count += 1
            depth += 1
            if count > limits.xml_elements:
                raise FileRefused("{name} holds more than {limit} XML elements; an import reads at most that many.",
                                  name=name, limit=limits.xml_elements)
            if depth > limits.xml_depth:
                raise FileRefused("{name} nests XML elements deeper than {limit} levels.", name=name,
                                  limit=limits.xml_depth)
    except DefusedXmlException as error:
        raise FileRefused("{name} declares a document type or entities (<!DOCTYPE …>); an import never follows "
                          "them.", name=name) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise FileRefused("{name} is not well-formed XML (line {line}, column {column}).", name=name, line=line,
                          column=column + 1) from error
    except (ValueError, LookupError) as error:  # an encoding the parser does not know
        raise FileRefused("{name} is not well-formed XML ({problem}).", name=name, problem=str(error)) from error
    if root is None:
        raise FileRefused("{name} is empty.", name=name)
    return root
