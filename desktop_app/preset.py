"""The member-state preset an installer carries: the state, its languages, its calendar.

Each member state's installer is built with ``packaging/presets/<CC>.json`` copied into the bundle as
``resources/preset.json``. On the first run the app starts in the first of the preset's languages
that has a catalog (Uzbek falls back to Russian, then English) and the first-run wizard arrives
with the state and that language already chosen. Without a preset (a checkout, a generic build)
nothing changes. ``CICA_COORDINATOR_PRESET`` names another preset file (tests, trying a build).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import paths

PRESET_ENV = "CICA_COORDINATOR_PRESET"
FORMAT = 1
CALENDARS = ("gregorian", "persian", "buddhist")
_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "format": int, "state": str, "languages": list, "calendar": str,
    "parent_university": (dict, type(None)), "app_name": str, "installer_name": str,
    "names_language": str, "skip_wizard": bool, "linux_font_packages": list,
}


@dataclass(frozen=True)
class Preset:
    state: str
    languages: tuple[str, ...]  # the state's own language first, then the fallbacks, ending with "en"
    calendar: str
    app_name: str
    installer_name: str
    names_language: str
    parent_university: dict[str, str] | None = None
    skip_wizard: bool = False
    linux_font_packages: tuple[str, ...] = ()

    def interface_language(self, available: list[str] | None = None) -> str:
        """The first language of the chain the app has a catalog for."""
        if available is None:
            from desktop_app.i18n import available_languages

            available = available_languages()
        for lang in self.languages:
            if lang in available:
                return lang
        return "en"


def problems(data: Any) -> list[str]:
    """What is wrong with a preset's data (empty when it is sound); used by the build and a test."""
    from desktop_app.domain.reference import MEMBER_CODES, STATES_BY_CODE

    if not isinstance(data, dict):
        return ["a preset is a JSON object"]
    found = []
    for key, kind in _REQUIRED.items():
        if key not in data:
            found.append(f"{key}: missing")
        elif not isinstance(data[key], kind):
            found.append(f"{key}: wrong type {type(data[key]).__name__}")
    if found:
        return found
    if data["format"] != FORMAT:
        found.append(f"format: {data['format']} is not {FORMAT}")
    state = data["state"]
    if state not in MEMBER_CODES:
        found.append(f"state: {state} is not a CICA member state")
    languages = data["languages"]
    if not languages or not all(isinstance(lang, str) and lang for lang in languages):
        found.append("languages: a non-empty list of language codes")
    elif languages[-1] != "en":
        found.append("languages: the chain must end with en, which is always available")
    elif state in STATES_BY_CODE and languages[0] != STATES_BY_CODE[state].languages[0]:
        found.append(f"languages: must start with the state's own language {STATES_BY_CODE[state].languages[0]}")
    if data["calendar"] not in CALENDARS:
        found.append(f"calendar: one of {', '.join(CALENDARS)}")
    elif state in STATES_BY_CODE and data["calendar"] != STATES_BY_CODE[state].calendar:
        found.append(f"calendar: reference data says {STATES_BY_CODE[state].calendar}")
    university = data["parent_university"]
    if university is not None and not (isinstance(university.get("name"), str) and university["name"]):
        found.append("parent_university: null, or an object with a name (and optionally a ror id)")
    if data["names_language"] not in languages:
        found.append("names_language: must be one of the preset's languages")
    for key in ("app_name", "installer_name"):
        if not data[key].strip():
            found.append(f"{key}: empty")
    return found


def from_data(data: dict[str, Any]) -> Preset:
    errors = problems(data)
    if errors:
        raise ValueError("; ".join(errors))
    return Preset(
        state=data["state"], languages=tuple(data["languages"]), calendar=data["calendar"],
        app_name=data["app_name"], installer_name=data["installer_name"],
        names_language=data["names_language"], parent_university=data["parent_university"],
        skip_wizard=data["skip_wizard"], linux_font_packages=tuple(data["linux_font_packages"]),
    )


def read(path: Path) -> Preset:
    return from_data(json.loads(path.read_text(encoding="utf-8")))


def preset_file() -> Path:
    override = os.environ.get(PRESET_ENV)
    return Path(override) if override else paths.resources_dir() / "preset.json"


def bundled() -> Preset | None:
    """The preset this installation was built with, or None (a damaged one is ignored, not fatal)."""
    path = preset_file()
    if not path.is_file():
        return None
    try:
        return read(path)
    except (OSError, ValueError):
        import logging

        logging.getLogger(__name__).warning("ignoring unreadable preset %s", path, exc_info=True)
        return None
