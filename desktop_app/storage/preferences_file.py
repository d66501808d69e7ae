"""The preferences file read without Qt, for the command line and for tests.

The GUI writes ``preferences.ini`` with QSettings (INI format: ``[section]`` then ``key=value``; a value
holding a comma or leading/trailing spaces is quoted; backslash escapes). The command line reads the
same file here so that both act on the same member state, horizons and report options, without
importing Qt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from desktop_app import paths
from desktop_app.domain.preferences import Options, Setting, convert

T = TypeVar("T")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "0": "\0", "a": "\a", "b": "\b", "f": "\f",
            "v": "\v", "'": "'", ";": ";", ",": ","}


def _unescape(raw: str) -> str | list[str]:
    """A QSettings INI value as text (a comma-separated unquoted value is a list)."""
    raw = raw.strip()
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == '"':
            quoted = not quoted
        elif char == "\\" and index + 1 < len(raw):
            following = raw[index + 1]
            if following == "x":
                match = re.match(r"[0-9a-fA-F]{1,4}", raw[index + 2:])
                if match:
                    current.append(chr(int(match.group(0), 16)))
                    index += 2 + len(match.group(0))
                    continue
            current.append(_ESCAPES.get(following, following))
            index += 1
        elif char == "," and not quoted:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    if parts:
        parts.append("".join(current).strip())
        return parts
    return "".join(current)


def read_ini(path: Path) -> dict[str, str | list[str]]:
    """``section/key`` -> value of a QSettings INI file; empty when the file is missing or unreadable."""
    values: dict[str, str | list[str]] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return values
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            section = "" if section.lower() == "general" else section
            continue
        if "=" not in line:
            continue
        key, _sep, raw = line.partition("=")
        key = key.strip().replace("\\", "/")
        values[f"{section}/{key}" if section else key] = _unescape(raw)
    return values


class PreferencesFile:
    """Read-only preferences from the GUI's file (the user's config folder unless a path is given)."""

    def __init__(self, path: Path | None = None):
        self.path = path or (paths.user_config_dir() / "preferences.ini")
        self._values = read_ini(self.path)

    def get(self, setting: Setting[T]) -> T:
        return convert(setting, self._values.get(setting.key))

    def options(self) -> Options:
        return Options.read(self)
