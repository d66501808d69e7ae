"""Every ISCED-F detailed field the reference file names can be translated."""

import csv
from pathlib import Path

from desktop_app.domain.isced_fields import FIELD_NAMES

REFERENCE = Path(__file__).resolve().parents[2] / "resources" / "reference" / "isced_f_2013.csv"


def test_the_marked_names_are_exactly_the_reference_files_detailed_fields():
    with REFERENCE.open(encoding="utf-8") as handle:
        names = {row["label_en"] for row in csv.DictReader(handle) if row["level"] == "detailed"}
    assert set(FIELD_NAMES) == names
    assert len(FIELD_NAMES) == len(set(FIELD_NAMES))


def test_a_field_name_is_shown_in_the_readers_language():
    from desktop_app.i18n import translator

    name = "Software and applications development and analysis"
    assert name in FIELD_NAMES
    assert translator("ru").gettext(name) != name
