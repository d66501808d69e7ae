"""Writes the hostile files of this folder and MANIFEST.json (what each must give). Run it again after
changing it: ``python tests/data/hostile/make_hostile.py``. The files are committed; the test
(tests/exchange/test_hostile_files.py) runs each through the command line as a user would.

Each entry: the file, the command that imports it, and either ``refused`` (a piece of the one sentence the
user must read; the database must be unchanged) or ``imported`` with what must be found afterwards.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f2d0000000049454e44ae426082")
NS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
MANIFEST: list[dict] = []


def add(folder: str, name: str, content: bytes, **expectation) -> None:
    (HERE / folder).mkdir(exist_ok=True)
    (HERE / folder / name).write_bytes(content)
    MANIFEST.append({"file": f"{folder}/{name}", **expectation})


def workbook(rows: list[list[str]], sheet_extra: bytes = b"", member_bytes: int = 0) -> bytes:
    """A minimal XLSX (inline strings) written by hand, so a test file can hold what openpyxl refuses."""
    def cell(column: int, row: int, value: str) -> str:
        letter = chr(ord("A") + column)
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{letter}{row}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'

    data = "".join(f'<row r="{r}">' + "".join(cell(c, r, v) for c, v in enumerate(values)) + "</row>"
                   for r, values in enumerate(rows, start=1))
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main">') + sheet_extra + f"<sheetData>{data}</sheetData>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
                         'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                         'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
                         'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
                         'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="'
                         'xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                         'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
                         '</sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                         '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                         'Target="worksheets/sheet1.xml"/></Relationships>')
        if member_bytes:  # a bomb: the sheet followed by a long run of spaces, streamed in
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
                member.write(sheet[:-len(b"</worksheet>")] if sheet.endswith(b"</worksheet>") else sheet)
                for _ in range(member_bytes // 1_000_000):
                    member.write(b" " * 1_000_000)
                member.write(b"</worksheet>")
        else:
            archive.writestr("xl/worksheets/sheet1.xml", sheet + b"</worksheet>")
    return out.getvalue()


def csv_files() -> None:
    universities = ["universities", "import", "{file}", "--format", "csv"]
    add("csv", "nul_in_name.csv", b"name,country\nSat\x00bayev University,KZ\n", command=universities,
        refused="line 2, name: it holds a control character that cannot be stored (U+0000, position 4)")
    add("csv", "escape_in_city.csv", b"name,country,city\nSatbayev University,KZ,Alm\x1baty\n", command=universities,
        refused="line 2, city: it holds a control character that cannot be stored (U+001B, position 4)")
    add("csv", "photo.csv", PNG, command=universities, refused="photo.csv is a PNG image, not a CSV file")
    add("csv", "workbook.csv", workbook([["name", "country"], ["Satbayev University", "KZ"]]), command=universities,
        refused="workbook.csv is an XLSX workbook, not a CSV file")
    add("csv", "binary.csv", bytes(range(256)) * 8, command=universities, refused="binary.csv is a binary file")
    add("csv", "empty.csv", b"", command=universities, refused="empty.csv is empty")
    add("csv", "path_as_content.csv", b"/etc/passwd\n", command=universities,
        refused="path_as_content.csv: no column holds a name of the university")
    add("csv", "url_as_content.csv", b"https://example.org/universities.csv\n", command=universities,
        refused="url_as_content.csv: no column holds a name of the university")
    add("csv", "unterminated_quote.csv",
        b'name,country,city\nSatbayev University,KZ,Almaty\n"Nazarbayev University,KZ,Astana\n'
        b"Kyrgyz National University,KG,Bishkek\n", command=universities,
        refused="unterminated_quote.csv, line 3: a quoted cell opens on this line and is never closed")
    filler = "".join(f"University number {i},KZ,Almaty,plain notes\n" for i in range(140))
    late = ('name,country,city,notes\n' + filler + 'Quoted University,KZ,Astana,"He said ""yes"", twice;\nand '
            'again"\n').encode()
    add("csv", "late_doubled_quote.csv", late, command=universities,
        imported={"universities": 141, "university_notes": 'He said "yes", twice;\nand again'})
    add("csv", "utf16.csv", "name,name_ru,country\nSatbayev University,Университет Сатпаева,KZ\n".encode("utf-16"),
        command=universities, imported={"university_name": "Университет Сатпаева"})
    add("csv", "cp1251.csv", "name,name_ru,country\nKazNU,Казахский университет,KZ\n".encode("cp1251"),
        command=universities, imported={"university_name": "Казахский университет"})
    add("csv", "formula_and_markup.csv", b"name,country,city,acronym\n=1+1,KZ,<b>Almaty</b>,@SUM\n",
        command=universities, imported={"university_name": "=1+1", "university_city": "<b>Almaty</b>"})
    add("csv", "rtl_override.csv", "name,country\nUniversity \u202etxet\u202c of Bidi,KZ\n".encode(),
        command=universities, imported={"university_name": "University \u202etxet\u202c of Bidi"})
    add("csv", "long_name.csv", ("name,country\n" + "N" * 600 + ",KZ\n").encode(), command=universities,
        refused="Name: 600 characters, at most 500 can be kept")
    add("csv", "invalid_date.csv", b"name,country,status_since\nSatbayev University,KZ,2025-02-30\n",
        command=universities, refused="line 2, status_since: Not a date (expected YYYY-MM-DD): 2025-02-30")
    add("csv", "huge_cell.csv", b"name,country\n" + b"A" * 140_000 + b",KZ\n", command=universities,
        refused="huge_cell.csv, line 2: a cell is longer than 131072 characters")


def ror_files() -> None:
    ror = ["universities", "import", "{file}", "--format", "ror"]
    add("ror", "deep_nesting.jsonl", b"[" * 5000 + b"]" * 5000 + b"\n", command=ror,
        refused="the JSON nests deeper than 64 levels")
    add("ror", "wrong_types.jsonl", b'{"id": "https://ror.org/03q0vrn42", "names": "Al-Farabi"}\n'
        b'{"id": "https://ror.org/052bx8q98", "names": [{"value": 5, "types": ["label"]}]}\n', command=ror,
        refused="line 1, names: expected a list")
    add("ror", "lone_surrogate.jsonl", b'{"id": "https://ror.org/052bx8q98", "names": [{"value": "Nazarbayev '
        b'\\ud800 University", "types": ["ror_display"], "lang": "en"}], "locations": [{"geonames_details": '
        b'{"country_code": "KZ", "name": "Astana"}}]}\n', command=ror, refused="(U+D800, position 12)")
    add("ror", "photo.json", PNG, command=ror, refused="photo.json is a PNG image, not a JSON file")
    add("ror", "huge_number.json", b'[{"established": ' + b"9" * 5000 + b"}]", command=ror,
        refused="huge_number.json, line 1: not valid JSON")
    add("ror", "not_text.jsonl", b'{"id": "\x98\x98"}\n', command=ror,
        refused="not_text.jsonl is not text in an encoding an import reads")
    api = {"number_of_results": 1, "items": [{
        "id": "https://ror.org/052bx8q98", "names": [{"value": "Nazarbayev University", "types": ["ror_display"],
                                                      "lang": "en"}],
        "locations": [{"geonames_details": {"country_code": "KZ", "name": "Astana"}}], "types": ["education"]}]}
    add("ror", "ror_api_answer.json", json.dumps(api, indent=2).encode(), command=ror,
        imported={"university_name": "Nazarbayev University"})


def xlsx_files() -> None:
    universities = ["universities", "import", "{file}", "--format", "xlsx"]
    add("xlsx", "bomb.xlsx", workbook([["name", "country"]], member_bytes=100_000_000), command=universities,
        refused="bomb.xlsx unpacks to")
    add("xlsx", "dimension_abuse.xlsx", workbook([["name", "country"], ["Satbayev University", "KZ"]],
                                                 b'<dimension ref="A1:XFD1048576"/>'),
        command=universities, imported={"university_name": "Satbayev University"})
    add("xlsx", "control_character.xlsx", workbook([["name", "country"], ["Satbayev_x0007_ University", "KZ"]]),
        command=universities, refused="line 2, name: it holds a control character")
    add("xlsx", "formula_text.xlsx", workbook([["name", "country"], ["=1+1", "KZ"]]), command=universities,
        imported={"university_name": "=1+1"})
    add("xlsx", "photo.xlsx", PNG, command=universities, refused="photo.xlsx is a PNG image, not an XLSX workbook")
    add("xlsx", "text.xlsx", b"name,country\nSatbayev University,KZ\n", command=universities,
        refused="text.xlsx is a text file, not an XLSX workbook")
    add("xlsx", "old_excel.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), command=universities,
        refused="old_excel.xlsx is an Excel 97–2003 workbook (.xls), not an XLSX workbook")
    add("xlsx", "damaged.xlsx", workbook([["name", "country"]])[:300], command=universities,
        refused="damaged.xlsx is not a readable XLSX workbook")


def recognition_files() -> None:
    cases = ["recognition", "cases", "import", "{file}"]
    add("recognition_csv", "no_holder_unknown_reference.csv",
        b"reference,status,issuing_country,recognising_country,qualification_title,received_on\n"
        b"NOT-ON-RECORD-1,received,KZ,UZ,Bachelor of Science,2025-01-10\n", command=cases,
        refused="No case with the reference NOT-ON-RECORD-1 is recorded here")
    add("recognition_csv", "formula_title.csv",
        b"reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
        b"HOSTILE-1,Aigerim Test,KZ,UZ,=1+1,2025-01-10\n", command=cases,
        imported={"case_title": ["HOSTILE-1", "=1+1"]})
    add("recognition_csv", "nul_in_holder.csv",
        b"reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
        b"HOSTILE-2,Ai\x00gerim,KZ,UZ,Bachelor,2025-01-10\n", command=cases,
        refused="line 2, holder_name: it holds a control character")
    add("recognition_csv", "invalid_date.csv",
        b"reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
        b"HOSTILE-3,Aigerim,KZ,UZ,Bachelor,2025-02-30\n", command=cases,
        refused="line 2, received_on: Not a date (expected YYYY-MM-DD): 2025-02-30")
    add("recognition_xlsx", "photo.xlsx", PNG, command=cases, refused="photo.xlsx is a PNG image, not an XLSX")


def ewp_files() -> None:
    ewp = ["agreements", "import-ewp", "{file}"]
    add("ewp", "billion_laughs.xml", b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
        b'&lol2;&lol2;&lol2;&lol2;">]>\n<iias-get-response>&lol3;</iias-get-response>\n', command=ewp,
        refused="billion_laughs.xml declares a document type or entities")
    add("ewp", "external_entity.xml", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM '
        b'"file:///etc/passwd">]>\n<iias-get-response>&e;</iias-get-response>\n', command=ewp,
        refused="external_entity.xml declares a document type or entities")
    add("ewp", "path_as_content.xml", b"/etc/passwd", command=ewp,
        refused="path_as_content.xml is a text file, not an XML file")
    add("ewp", "url_as_content.xml", b"https://example.org/iia.xml", command=ewp,
        refused="url_as_content.xml is a text file, not an XML file")
    add("ewp", "photo.xml", PNG, command=ewp, refused="photo.xml is a PNG image, not an XML file")
    add("ewp", "not_an_iia.xml", b'<?xml version="1.0"?><catalogue><book/></catalogue>', command=ewp,
        refused="not_an_iia.xml is not a valid EWP IIA v7 file")
    spec = ("<student-studies-mobility-spec><sending-hei-id>{sending}</sending-hei-id><receiving-hei-id>"
            "tsinghua.edu.cn</receiving-hei-id><receiving-first-academic-year-id>2025/2026"
            "</receiving-first-academic-year-id><receiving-last-academic-year-id>2026/2027"
            "</receiving-last-academic-year-id><mobilities-per-year>2</mobilities-per-year>"
            "<recommended-language-skill><language>en</language></recommended-language-skill><blended>false"
            "</blended></student-studies-mobility-spec>")
    iia = ("<iia><partner><hei-id>farabi.university</hei-id><iia-code>{code}</iia-code></partner><partner><hei-id>"
           "tsinghua.edu.cn</hei-id></partner><in-effect>true</in-effect><cooperation-conditions>{spec}"
           "</cooperation-conditions><iia-hash>" + "0" * 64 + "</iia-hash></iia>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<iias-get-response xmlns="{NS}">'
               + iia.format(code="GOOD-1", spec=spec.format(sending="farabi.university"))
               + iia.format(code="BAD-2", spec=spec.format(sending="other.edu.kz")) + "</iias-get-response>\n")
    add("ewp", "sending_not_a_partner.xml", content.encode(), command=ewp,
        refused="IIA 2 (BAD-2) cannot be imported: a mobility names other.edu.kz, which is not one of its partners")


def ics_files() -> None:
    ics = ["calendars", "import-ics", "{university}", "{file}"]

    def feed(*events: str) -> bytes:
        body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
        return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n{body}END:VCALENDAR\r\n".encode()

    add("ics", "february_30.ics", feed("UID:h-1\r\nSUMMARY:Spring break\r\nDTSTART;VALUE=DATE:20250230\r\n"),
        command=ics, refused="february_30.ics, line 4: the event “Spring break” cannot be imported: DTSTART "
                             "“20250230” is not a valid date")
    add("ics", "end_before_start.ics", feed("UID:h-2\r\nSUMMARY:Exams\r\nDTSTART;VALUE=DATE:20250310\r\n"
                                            "DTEND;VALUE=DATE:20250301\r\n"), command=ics,
        refused="the event “Exams” cannot be imported: it ends (2025-03-01) before it starts (2025-03-10)")
    add("ics", "deep_nesting.ics", b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 3000 + b"END:VEVENT\r\n" * 3000
        + b"END:VCALENDAR\r\n", command=ics, refused="nests calendar components too deeply")
    add("ics", "endless_rule.ics", feed("UID:h-3\r\nSUMMARY:Weekly seminar\r\nDTSTART:20250901T100000Z\r\n"
                                        "RRULE:FREQ=SECONDLY;COUNT=100000000\r\n"), command=ics,
        imported={"period": {"title": "Weekly seminar"}})
    add("ics", "photo.ics", PNG, command=ics, refused="photo.ics is a PNG image, not an iCalendar file")
    add("ics", "location_url_spaces.ics", feed("UID:h-4@partner.example\r\nSUMMARY:Dean's Date \r\n"
                                               "LOCATION:Room 1\\, Main Hall\r\nURL:https://partner.example/e/4\r\n"
                                               "DTSTART;VALUE=DATE:20250915\r\n"), command=ics,
        imported={"period": {"title": "Dean's Date ", "location": "Room 1, Main Hall",
                             "url": "https://partner.example/e/4"}})


def main() -> None:
    for builder in (csv_files, ror_files, xlsx_files, recognition_files, ewp_files, ics_files):
        builder()
    (HERE / "MANIFEST.json").write_text(json.dumps(MANIFEST, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(MANIFEST)} hostile files")


if __name__ == "__main__":
    main()
