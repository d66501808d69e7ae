"""Seeds and mutations for benchmarks/fuzz_importers.py (not a test: a measurement's raw material).

Seeds are real files: the demonstration's ROR records, the shared ROR extract and ranking tables when
``../shared/data`` is present, the official EWP examples, a published academic calendar, the hostile
set in tests/data/hostile, and the application's own exports of the demonstration data (register,
recognition cases, EWP agreements, calendars). Mutations work on bytes (flips, truncation,
duplication, insertion of awkward tokens, encoding swaps, format confusion, deep nesting, huge fields)
and, for workbooks, on the XML members inside the archive.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SHARED = [Path(os.environ["CICA_SHARED_DATA"])] if os.environ.get("CICA_SHARED_DATA") else []
SHARED = next((folder for folder in [*_SHARED, ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]
               if folder.is_dir()), None)
HOSTILE = ROOT / "tests" / "data" / "hostile"

#: format -> file suffix
FORMATS = {"ror": ".jsonl", "ror_json": ".json", "csv": ".csv", "xlsx": ".xlsx", "rankings": ".csv",
           "recognition_csv": ".csv", "recognition_xlsx": ".xlsx", "ewp": ".xml", "ics": ".ics"}

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
                    "9c6360000002000154a24f2d0000000049454e44ae426082")
OTHER_BINARIES = [PNG, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
                  b"GIF89a\x01\x00\x01\x00\x80\x00\x00", b"\x1f\x8b\x08\x00" + bytes(40),
                  b"SQLite format 3\x00" + bytes(80), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(60)]
TOKENS = ['"', '""', ",", ";", "\t", "\n", "\r", "\r\n", "\x00", "\x01", "\x1b", "\x7f", "\u202e", "\u2066", "=1+1",
          "+SUM(A1)", "@x", "-2+3", "\uff1d1+1", "<b>bold</b>", "'", "\\", "{", "}", "[", "]", "<", ">", "&", "&lt;",
          "&#0;", "&#x1;", "]]>", "<!--", "\\ud800", "\\u0000", "\ud800", "\ufeff", "\u0301", "null", "true", "1e999",
          "9" * 5000, "-", "2025-02-30", "20250230", "99999999T999999Z", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n",
          "BEGIN:VCALENDAR\r\n", "RRULE:FREQ=SECONDLY;COUNT=100000000\r\n", "RRULE:FREQ=DAILY\r\n",
          "EXDATE:19000101\r\n", " ", "\u00a0", "/etc/passwd", "file:///etc/passwd", "https://example.org/x.xsd"]
BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
        '&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n')
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'


def _read(path: Path, lines: int | None = None) -> bytes:
    if lines is None:
        return path.read_bytes()
    with path.open("rb") as handle:
        return b"".join(handle.readline() for _ in range(lines))


def static_seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Seeds read from files: (name, content) per format."""
    seeds: dict[str, list[tuple[str, bytes]]] = {name: [] for name in FORMATS}
    demo = ROOT / "resources" / "demo" / "ror_demo.jsonl"
    seeds["ror"].append(("ror_demo.jsonl", demo.read_bytes()))
    seeds["ror_json"].append(("ror_demo.json", b"[" + b",".join(demo.read_bytes().splitlines()) + b"]"))
    if SHARED is not None:
        for name, fmt in (("ror_cica_education.jsonl", "ror"), ("ror_cica_education_v1schema.jsonl", "ror")):
            if (SHARED / name).exists():
                seeds[fmt].append((name, _read(SHARED / name, 25)))
        for name in ("rankings_qs_cica.csv", "rankings_the_cica.csv", "rankings_arwu_cica.csv"):
            if (SHARED / name).exists():
                seeds["rankings"].append((name, _read(SHARED / name, 40)))
        for path in sorted((SHARED / "academic_calendars").glob("*.ics")):
            seeds["ics"].append((path.name, path.read_bytes()))
        kit = (SHARED / "ewp" / "raw.githubusercontent.com" / "erasmus-without-paper" / "ewp-specs-api-iias"
               / "stable-v7")
        for path in [kit / "endpoints" / "get-response-example.xml",
                     *sorted((kit / "resources" / "xsltKit").glob("get-response-v7.xml"))]:
            if path.exists():
                seeds["ewp"].append((path.name, path.read_bytes()))
    if HOSTILE.is_dir():
        for path in sorted(HOSTILE.rglob("*")):
            if path.is_file() and path.parent.name in FORMATS:
                seeds[path.parent.name].append((path.name, path.read_bytes()))
    return seeds


# -- mutations ------------------------------------------------------------------------------------

def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _delete(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 2:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, min(400, len(data) - start)):]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    span = data[start:start + rng.randint(1, 300)]
    return data[:start] + span * rng.choice((2, 3, 50, 2000)) + data[start:]


def _token(rng: random.Random, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    token = rng.choice(TOKENS).encode("utf-8", "surrogatepass")
    return data[:position] + token + data[position:]


def _lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if len(lines) < 2:
        return data
    choice = rng.randrange(4)
    index = rng.randrange(len(lines))
    if choice == 0:
        del lines[index]
    elif choice == 1:
        lines.insert(rng.randrange(len(lines)), lines[index])
    elif choice == 2:
        rng.shuffle(lines)
    else:
        lines[index] = lines[index].rstrip(b"\r\n") + rng.choice((b"\r", b"\n", b"\r\n", b"", b'"\n'))
    return b"".join(lines)


def _encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251", "latin-1", "utf-8-sig", "koi8-r"))
    return text.encode(encoding, "replace")


def _huge(rng: random.Random, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    return data[:position] + rng.choice(("A", "ы", "\u202e", " ")).encode() * rng.choice((5000, 200_000, 2_000_000)) \
        + data[position:]


def _confusion(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    if rng.random() < 0.5 or not others:
        return rng.choice(OTHER_BINARIES) + (data[:200] if rng.random() < 0.5 else b"")
    return rng.choice(others)


def _nesting(rng: random.Random, data: bytes, fmt: str) -> bytes:
    depth = rng.choice((50, 1000, 100_000))
    if fmt.startswith("ror"):
        return b"[" * depth + b"]" * depth if rng.random() < 0.5 else b'{"names":' * depth + b"1" + b"}" * depth
    if fmt == "ewp":
        choice = rng.randrange(5)
        if choice == 0:
            return BOMB.encode() + b"<iias-get-response>&lol4;</iias-get-response>"
        if choice == 1:
            return EXTERNAL.encode() + b"<iias-get-response>&ext;</iias-get-response>"
        if choice == 2:
            return rng.choice((b"/etc/passwd", b"/etc/hostname", b"file:///etc/passwd", str(ROOT / "pyproject.toml")
                               .encode(), b"https://example.org/iia.xml"))
        return b"<a>" * depth + b"</a>" * depth
    if fmt == "ics":
        return b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * depth + b"END:VEVENT\r\n" * depth + b"END:VCALENDAR\r\n"
    return data + b'"' + b"x," * depth


def mutate_bytes(rng: random.Random, data: bytes, fmt: str, others: list[bytes]) -> bytes:
    simple = (_flip, _truncate, _delete, _duplicate, _token, _token, _lines, _encoding, _huge)
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.06:
            return _confusion(rng, data, others)
        if roll < 0.10:
            return _nesting(rng, data, fmt)
        data = rng.choice(simple)(rng, data)
    return data


def mutate_workbook(rng: random.Random, data: bytes, fmt: str, others: list[bytes]) -> bytes:
    """A workbook's members mutated (and re-packed), or the archive's bytes themselves."""
    roll = rng.random()
    if roll < 0.25:
        return mutate_bytes(rng, data, fmt, others)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members: dict[str, bytes | tuple] = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # noqa: BLE001 - a seed that is no archive: mutate its bytes
        return mutate_bytes(rng, data, fmt, others)
    sheet = next((name for name in members if name.startswith("xl/worksheets/")), None)
    if roll < 0.35 and sheet:  # a bomb: a member that unpacks to far more than it weighs
        head, _sep, tail = members[sheet].partition(b"</sheetData>")
        members[sheet] = (head + b'<row r="9"><c r="A9" t="inlineStr"><is><t>', 200_000_000,
                          b"</t></is></c></row></sheetData>" + tail)
    elif roll < 0.45 and sheet:
        members[sheet] = members[sheet].replace(b"<sheetData>", rng.choice((
            b'<dimension ref="A1:XFD1048576"/><sheetData>',
            b'<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            b'<sheetData><row r="2"><c r="ZZZ2"><f>1+1</f><v>2</v></c></row>')), 1)
    else:
        name = rng.choice(sorted(members))
        members[name] = mutate_bytes(rng, members[name], "xml", others)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, content in members.items():
            if isinstance(content, tuple):  # (head, n, tail): n spaces streamed between them
                with packed.open(name, "w", force_zip64=True) as member:
                    member.write(content[0])
                    for _ in range(content[1] // 1_000_000):
                        member.write(b" " * 1_000_000)
                    member.write(content[2])
            else:
                packed.writestr(name, content)
    return out.getvalue()


def mutate(rng: random.Random, data: bytes, fmt: str, others: list[bytes]) -> bytes:
    if fmt.endswith("xlsx"):
        return mutate_workbook(rng, data, fmt, others)
    return mutate_bytes(rng, data, fmt, others)
