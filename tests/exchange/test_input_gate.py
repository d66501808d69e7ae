"""The input gate on its own: the real type from the content, encodings, RFC 4180 with the line a bad
record starts on, limits checked before work (a workbook bomb refused without unpacking it)."""

from __future__ import annotations

import codecs
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.exchange.input_gate import (
    FileRefused,
    Limits,
    decode_text,
    parse_json,
    parse_xml,
    read_bytes,
    sniff,
)
from desktop_app.exchange.input_tables import parse_csv, read_csv, read_xlsx

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("content", "kind"), [
    ((HOSTILE / "csv" / "photo.csv").read_bytes(), "png"), (b"\xff\xd8\xff\xe0JFIF", "jpeg"), (b"%PDF-1.7", "pdf"),
    ((HOSTILE / "csv" / "workbook.csv").read_bytes(), "xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
    (b'<?xml version="1.0"?><a/>', "xml"), (codecs.BOM_UTF16_LE + "<a/>".encode("utf-16-le"), "xml"),
    (b'  {"a": 1}', "json"), (b"BEGIN:VCALENDAR\r\n", "ics"), (b"name,country\n", "text"), (b"", "empty"),
    (bytes(range(32)) * 10, "binary"), (b"SQLite format 3\x00", "sqlite"),
])
def test_the_type_is_read_from_the_content(content, kind):
    assert sniff(content) == kind


def test_a_file_of_another_type_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes((HOSTILE / "csv" / "photo.csv").read_bytes())
    with pytest.raises(FileRefused, match=r"^photo.csv is a PNG image, not a CSV file\.$"):
        read_bytes(path, "csv")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(FileRefused, match="big.csv is 2,048 B; an import reads files of at most 1,024 B"):
        read_bytes(path, "csv", Limits(file_bytes=1024))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1251"])
def test_text_in_every_encoding_people_send_is_read(encoding):
    text = "name,city\nСәтбаев университеті,Алматы\n" if encoding != "cp1251" else "name,city\nУниверситет,Алматы\n"
    decoded, _used = decode_text(text.encode(encoding), "x.csv")
    assert decoded.removeprefix("\ufeff") == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf_16_without_its_mark_is_told_by_the_zero_bytes_of_latin_text(encoding):
    text = "name,country,city\nSatbayev University,KZ,Almaty\nҚазақ ұлттық университеті,KZ,Алматы\n"
    assert decode_text(text.encode(encoding), "x.csv") == (text, encoding)


def test_text_in_no_known_encoding_is_refused_not_guessed():
    with pytest.raises(FileRefused, match="byte 3 cannot be read"):
        decode_text(b"ab\x98cd", "x.csv")


def test_a_doubled_quote_far_into_a_valid_file_is_read_as_rfc_4180():
    """A sniffer reading the first 4,096 characters misread this file; the whole file is RFC 4180."""
    body = "".join(f"University {i},KZ,Almaty,notes {i}\n" for i in range(300))
    table = parse_csv('name,country,city,notes\n' + body + 'Late,KZ,Astana,"a ""quoted"" word\nover two lines"\n',
                      "late.csv")
    assert len(table.rows) == 301 and all(len(cells) == 4 for _line, cells in table.rows)
    assert table.rows[-1] == (302, ["Late", "KZ", "Astana", 'a "quoted" word\nover two lines'])


def test_the_delimiter_comes_from_the_header_and_quoting_stays_rfc_4180():
    table = parse_csv('name;country;notes\n"Ecole; centrale";FR;"x, y"\n', "semi.csv")
    assert table.rows == [(2, ["Ecole; centrale", "FR", "x, y"])]


def test_a_malformed_record_is_reported_on_the_line_it_starts():
    with pytest.raises(FileRefused, match="u.csv, line 3: a quoted cell opens on this line and is never closed"):
        parse_csv('name,country,city\nA,KZ,Almaty\n"B,KZ,Astana\nC,KG,Bishkek\n', "u.csv")
    with pytest.raises(FileRefused, match="q.csv, line 3: a quoted cell goes on after its closing quote"):
        parse_csv('name,country\nA,KZ\n"multi\nline"x,KZ\n', "q.csv")


def test_guarded_csv_cells_read_back_as_they_were_stored():
    table = parse_csv("name,other\n'=1+1,'Hello\n''=x,'@\n", "g.csv")
    assert table.rows == [(2, ["=1+1", "'Hello"]), (3, ["'=x", "@"])]


def test_json_nesting_is_refused_before_the_parser_recurses():
    with pytest.raises(FileRefused, match="deep.json, line 1: the JSON nests deeper than 64 levels"):
        parse_json("[" * 100_000 + "]" * 100_000, "deep.json")
    assert parse_json('{"a": "' + "[" * 68 + '"}', "s.json") == {"a": "[" * 68}  # brackets in text do not count


def test_xml_is_parsed_from_bytes_without_entities_and_within_limits():
    with pytest.raises(FileRefused, match="declares a document type or entities"):
        parse_xml(b'<!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><a>&b;</a>', "x.xml")
    with pytest.raises(FileRefused, match="holds more than 100 XML elements"):
        parse_xml(b"<a>" + b"<b/>" * 200 + b"</a>", "x.xml", Limits(xml_elements=100))
    with pytest.raises(FileRefused, match=r"x.xml is not well-formed XML \(line 1, column 6\)"):
        parse_xml(b"<a></b>", "x.xml")


def _bomb(path: Path, unpacked: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(b"<worksheet><sheetData>")
            chunk = b" " * (1 << 20)
            for _ in range(unpacked >> 20):
                member.write(chunk)
            member.write(b"</sheetData></worksheet>")


def test_a_workbook_that_unpacks_to_a_gigabyte_is_refused_without_unpacking_it(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    _bomb(bomb, 1 << 30)
    assert bomb.stat().st_size < 1_100_000  # under a megabyte on disk
    with pytest.raises(FileRefused, match="bomb.xlsx unpacks to 1,024 MB from"):
        read_xlsx(bomb)
    # The same through the command line, in a process of its own: the memory it took is measured.
    small = tmp_path / "small.xlsx"
    small.write_bytes((HOSTILE / "xlsx" / "formula_text.xlsx").read_bytes())
    peaks = {}
    for name, path in (("bomb", bomb), ("small", small)):
        script = ("import resource, sys\nfrom desktop_app.cli import main\n"
                  f"code = main(['--db', 'sqlite:///{tmp_path / name}.sqlite3', 'universities', 'import', "
                  f"'{path}', '--format', 'xlsx', '--dry-run'])\n"
                  "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
        code, peak = done.stdout.split()[-2:]
        peaks[name] = int(peak) / 1024  # MB
        assert "unexpected" not in done.stderr
    print(f"peak memory: {peaks}")
    assert peaks["bomb"] - peaks["small"] < 40, peaks


def test_an_old_fashioned_spreadsheet_is_told_apart(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes((HOSTILE / "xlsx" / "old_excel.xlsx").read_bytes())
    with pytest.raises(FileRefused, match="Excel 97–2003 workbook"):
        read_xlsx(path)


def test_reading_a_csv_through_the_gate_keeps_the_encoding(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("name\nҚазақ\n".encode("utf-16"))
    table = read_csv(path)
    assert table.encoding == "utf-16" and table.rows == [(2, ["Қазақ"])]
