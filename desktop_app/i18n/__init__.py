"""The translation layer: gettext catalogs (managed with Babel) and the current interface language.

Every user-visible string is written as ``_("…")`` (or ``N_("…")`` where it must be translated
later, for example in a table of constants) with named ``{placeholders}``; plurals go through
``ngettext``. Reports ask for a :class:`Translator` of their own language, independent of the
interface language.

The catalogs of one language may be split into several ``.po`` parts (one per area of the
application) under ``translations/<lang>/``; they are merged when compiled. This lets areas of the
application be translated and reviewed independently without editing one large file.
"""

from __future__ import annotations

import gettext
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths

DOMAIN = "cica"
SOURCE_LANGUAGE = "en"
#: Languages that must always be complete (checked by a test).
REQUIRED_LANGUAGES = ("en", "ru", "kk")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "dv", "yi", "ug"})

_lock = threading.Lock()
_cache: dict[str, gettext.NullTranslations] = {}


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message for extraction without translating it yet (see ``domain.contract.Message``)."""
    return singular, plural


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate it where it is shown)."""
    return message


def _part_files(lang: str) -> list[Path]:
    folder = paths.translations_dir() / lang
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def _compiled_file(lang: str) -> Path:
    return paths.compiled_catalogs_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def available_languages() -> list[str]:
    """Source language first, then every language with at least one catalog part, sorted."""
    found = set()
    for base in (paths.translations_dir(), paths.compiled_catalogs_dir()):
        if base.is_dir():
            for child in base.iterdir():
                if child.is_dir() and not child.name.startswith("_") and (
                    any(child.glob("*.po")) or (child / "LC_MESSAGES" / f"{DOMAIN}.mo").exists()
                ):
                    found.add(child.name)
    found.discard(SOURCE_LANGUAGE)
    return [SOURCE_LANGUAGE, *sorted(found)]


def _load(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    compiled = _compiled_file(lang)
    parts = _part_files(lang)
    newest_part = max((p.stat().st_mtime for p in parts), default=0.0)
    if compiled.exists() and compiled.stat().st_mtime >= newest_part:
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not parts:
        return gettext.NullTranslations()
    # A checkout whose catalogs were not compiled yet: merge the parts in memory (slower, same result).
    from desktop_app.i18n.catalogs import merged_catalog, write_mo_bytes

    return gettext.GNUTranslations(io.BytesIO(write_mo_bytes(merged_catalog(lang))))


def _translations(lang: str) -> gettext.NullTranslations:
    with _lock:
        if lang not in _cache:
            _cache[lang] = _load(lang)
        return _cache[lang]


def clear_cache() -> None:
    with _lock:
        _cache.clear()


@dataclass(frozen=True)
class Translator:
    """Translations for one language, usable from any thread."""

    language: str

    def gettext(self, message: str) -> str:
        return _translations(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return _translations(self.language).ngettext(singular, plural, count)

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.language)


_current = Translator(SOURCE_LANGUAGE)


def normalise_language(code: str | None) -> str:
    if not code:
        return SOURCE_LANGUAGE
    code = code.replace("-", "_")
    available = available_languages()
    if code in available:
        return code
    base = code.split("_")[0].lower()
    if base in available:
        return base
    # No catalog yet: messages stay in English, but CLDR data (country names, dates) follow the language.
    from babel import localedata

    return base if localedata.exists(base) else SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Switch the interface language; returns the language actually used."""
    global _current
    lang = normalise_language(code)
    _current = Translator(lang)
    return lang


def current_language() -> str:
    return _current.language


def translator(lang: str | None = None) -> Translator:
    return _current if lang is None else Translator(normalise_language(lang))


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.ngettext(singular, plural, count)


def is_rtl(lang: str | None = None) -> bool:
    code = (lang or _current.language).split("_")[0]
    return code in RTL_LANGUAGES


def has_catalog(lang: str) -> bool:
    """Whether the application's messages are translated into ``lang`` at all (English always is)."""
    return lang.replace("-", "_").split("_")[0] in available_languages()


def lays_out_right_to_left(lang: str | None = None) -> bool:
    """Whether the window is mirrored for ``lang``: only when its text is actually in that language.
    An untranslated right-to-left language shows English messages, which must read left to right."""
    lang = lang or _current.language
    return is_rtl(lang) and has_catalog(lang)


COVERAGE_FILE = "coverage.json"
_coverage: dict[str, float] | None = None


def translation_coverage(lang: str) -> float:
    """The share of the application's messages translated into ``lang``: 1.0 for English and for a
    complete catalog, 0.0 for a language without one. Written beside the compiled catalogs when they
    are compiled; a checkout without them counts from the sources (once per process)."""
    global _coverage
    code = lang.replace("-", "_").split("_")[0]
    if code == SOURCE_LANGUAGE:
        return 1.0
    if not has_catalog(code):
        return 0.0
    if _coverage is None:
        import json

        stored = paths.compiled_catalogs_dir() / COVERAGE_FILE
        newest_part = max((p.stat().st_mtime for lang_ in available_languages() for p in _part_files(lang_)),
                          default=0.0)
        if stored.exists() and stored.stat().st_mtime >= newest_part:
            _coverage = json.loads(stored.read_text(encoding="utf-8"))
        else:
            from desktop_app.i18n.catalogs import coverage

            _coverage = coverage()
    return float(_coverage.get(code, 0.0))


def is_partial(lang: str) -> bool:
    """A language the application writes with some of its messages in English."""
    return translation_coverage(lang) < 1.0
