"""Manage the gettext catalogs with Babel: extract, update, compile, check.

    python -m desktop_app.i18n.catalogs extract             # desktop_app/**.py -> translations/messages.pot
    python -m desktop_app.i18n.catalogs update --part NAME  # add new messages to translations/<lang>/NAME.po
    python -m desktop_app.i18n.catalogs compile             # each language's parts -> _build/<lang>/LC_MESSAGES/cica.mo
    python -m desktop_app.i18n.catalogs check               # missing messages and placeholder mismatches

A language's catalog may be split into parts (``translations/<lang>/*.po``); parts are merged in
name order and the first translation of a message wins. ``check`` reports a message translated
differently in two parts.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from desktop_app import paths
from desktop_app.i18n import COVERAGE_FILE, DOMAIN, REQUIRED_LANGUAGES, SOURCE_LANGUAGE

# Errors the user sees are raised with their message id as the first argument; extract those too.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "UserError": None, "ValidationError": None,
            "NotFoundError": None, "ConflictError": None, "DatabaseProblem": None, "Message": None,
            "Nn_": (1, 2), "FileRefused": None}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[!:][^{}]*)?\}|%\([A-Za-z_]+\)[sdfr]|%[sdfr]")


def package_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def template_path() -> Path:
    return paths.translations_dir() / "messages.pot"


def extract_template() -> Catalog:
    """Extract every marked string from the application's Python sources."""
    catalog = Catalog(project="CICA Network Coordinator", domain=DOMAIN, charset="utf-8")
    root = package_dir()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        location = (f"desktop_app/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def language_dirs() -> list[str]:
    base = paths.translations_dir()
    return sorted(
        p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("_") and p.name != SOURCE_LANGUAGE
    )


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def merged_catalog(lang: str) -> Catalog:
    merged = Catalog(locale=lang, domain=DOMAIN, charset="utf-8")
    for part in sorted((paths.translations_dir() / lang).glob("*.po")):
        for message in _read(part, lang):
            if not message.id:
                continue
            existing = merged.get(message.id, message.context)
            if existing is not None and _is_translated(existing):
                continue
            if message.fuzzy:
                continue
            merged.add(message.id, message.string, context=message.context)
    return merged


def plural_count(lang: str) -> int:
    """How many plural forms CLDR's rule for ``lang`` has (through Babel): ru 3, kk 2, fa 2, zh 1.

    The compiled catalog's header says this number, and gettext picks a form by the rule; a message
    holding fewer forms falls back to English for the counts whose form is missing ("19 universities"
    in a Persian report), which :func:`check` reports."""
    return Catalog(locale=lang).num_plurals


def write_mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _is_translated(message) -> bool:
    if message.fuzzy:
        return False
    if isinstance(message.string, (tuple, list)):
        return all(message.string)
    return bool(message.string)


def placeholders(text: str | None) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text or ""))


@dataclass(frozen=True)
class Problem:
    language: str
    message: str
    what: str

    def __str__(self) -> str:
        return f"[{self.language}] {self.what}: {self.message!r}"


def check(template: Catalog | None = None, required: tuple[str, ...] | None = None) -> list[Problem]:
    """Missing translations, placeholder mismatches, plural forms and messages left in English, in every
    language shipped: each must be complete (``required`` narrows that, for tests of the check itself)."""
    template = template or extract_template()
    if required is None:
        required = tuple(sorted(set(language_dirs()) | set(REQUIRED_LANGUAGES)))
    problems: list[Problem] = []
    for lang in language_dirs():
        catalog = merged_catalog(lang)
        _check_conflicting_parts(lang, problems)
        _check_plural_forms(lang, problems)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            key = message.id if isinstance(message.id, str) else message.id[0]
            if translated is None or not _is_translated(translated):
                if lang in required:
                    problems.append(Problem(lang, key, "missing translation"))
                continue
            sources = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            targets = translated.string if isinstance(translated.string, (tuple, list)) else (translated.string,)
            if targets[0] == sources[0] and _has_words(sources[0]) and key not in kept_as_source(lang):
                problems.append(Problem(lang, key, "left equal to English (a proper name or code belongs in "
                                                   f"translations/{KEPT_FILE} or translations/{lang}/{KEPT_FILE})"))
            wanted = placeholders(sources[-1])
            for target in targets:
                got = placeholders(target)
                # A singular form may legitimately omit the count ("one file" for {count} files).
                if got != wanted and not (len(sources) > 1 and set(got) <= set(wanted)):
                    problems.append(Problem(lang, key, f"placeholders differ ({wanted} vs {got})"))
    return problems


KEPT_FILE = "SAME_AS_ENGLISH.txt"


def kept_as_source(lang: str) -> frozenset[str]:
    """Messages a language rightly writes as English does: proper names and codes (one message per line;
    ``#`` starts a comment saying why). ``translations/SAME_AS_ENGLISH.txt`` holds those of every language."""
    kept: set[str] = set()
    for path in (paths.translations_dir() / KEPT_FILE, paths.translations_dir() / lang / KEPT_FILE):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.split("  #", 1)[0].rstrip()
                if text and not text.startswith("#"):
                    kept.add(text)
    return frozenset(kept)


def _has_words(text: str) -> bool:
    """Whether a message holds any word of its own beyond placeholders (a bare "{count}" is kept as is)."""
    return any(ch.isalpha() for ch in _PLACEHOLDER.sub("", text))


def _check_plural_forms(lang: str, problems: list[Problem]) -> None:
    """Each part's Plural-Forms header and each of its plural messages hold as many forms as the language's
    CLDR plural rule has."""
    wanted = plural_count(lang)
    for part in sorted((paths.translations_dir() / lang).glob("*.po")):
        catalog = _read(part, lang)
        if catalog.num_plurals != wanted:
            problems.append(Problem(lang, part.name, f"the Plural-Forms header says {catalog.num_plurals} forms "
                                                     f"where the language has {wanted}"))
        for message in catalog:
            if not message.id or not isinstance(message.id, (tuple, list)) or not _is_translated(message):
                continue
            forms = len(message.string) if isinstance(message.string, (tuple, list)) else 1
            if forms != wanted:
                problems.append(Problem(lang, message.id[0], f"{forms} plural forms in {part.name} where the "
                                                             f"language has {wanted}"))


def _check_conflicting_parts(lang: str, problems: list[Problem]) -> None:
    seen: dict[object, tuple[str, object]] = {}
    for part in sorted((paths.translations_dir() / lang).glob("*.po")):
        for message in _read(part, lang):
            if not message.id or not _is_translated(message):
                continue
            key = (message.id, message.context)
            if key in seen and seen[key][1] != message.string:
                text = message.id if isinstance(message.id, str) else message.id[0]
                problems.append(Problem(lang, text, f"translated differently in {seen[key][0]} and {part.name}"))
            seen.setdefault(key, (part.name, message.string))


def write_template(catalog: Catalog) -> Path:
    target = template_path()
    with target.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=False, width=100)
    return target


def _from_sources(message, sources: list[str] | None) -> bool:
    if not sources:
        return True
    from fnmatch import fnmatch

    return any(fnmatch(path, pattern) for path, _line in message.locations for pattern in sources)


def update(part: str, prune: bool = False, sources: list[str] | None = None) -> dict[str, int]:
    """Add messages the template has and no part of a language has, to that language's ``part``.

    ``sources`` (glob patterns such as ``desktop_app/*/recognition*``) limits this to messages used in
    those files, so an area's part receives its own messages only.
    """
    template = extract_template()
    write_template(template)
    added: dict[str, int] = {}
    for lang in language_dirs():
        known = merged_catalog(lang)
        all_ids = {(m.id, m.context) for m in _all_messages(lang)}
        target = paths.translations_dir() / lang / f"{part}.po"
        catalog = _read(target, lang) if target.exists() else Catalog(locale=lang, domain=DOMAIN, charset="utf-8")
        count = 0
        for message in template:
            if (message.id and (message.id, message.context) not in all_ids and known.get(message.id) is None
                    and _from_sources(message, sources)):
                catalog.add(message.id, None if isinstance(message.id, str) else ("",) * catalog.num_plurals,
                            locations=message.locations, context=message.context)
                count += 1
        if prune:
            wanted = {(m.id, m.context) for m in template if m.id}
            for part_file in (paths.translations_dir() / lang).glob("*.po"):
                part_catalog = _read(part_file, lang)
                stale = [m for m in part_catalog if m.id and (m.id, m.context) not in wanted]
                for message in stale:
                    part_catalog.delete(message.id, message.context)
                if stale:
                    _write(part_file, part_catalog)
        if count:
            _write(target, catalog)
        added[lang] = count
    return added


def _all_messages(lang: str):
    for part in sorted((paths.translations_dir() / lang).glob("*.po")):
        yield from (m for m in _read(part, lang) if m.id)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, include_previous=False, no_location=True)


def fill(part: str, translations: dict[str, dict[str, object]], replace: bool = False) -> dict[str, int]:
    """Write translations into ``translations/<lang>/<part>.po``.

    ``translations`` maps a message id (for a plural message: its singular) to ``{lang: text}``, or for a
    plural message ``{lang: [form0, form1, …]}`` with as many forms as the language has (:func:`plural_count`);
    one form (a plain string or a one-item list) serves every count, as in Persian and Kazakh where the
    noun after a number does not change. A message
    already translated elsewhere is left alone unless ``replace``; then its other copies are removed
    so that a language keeps one translation per message.
    """
    template = {m.id if isinstance(m.id, str) else m.id[0]: m for m in extract_template() if m.id}
    written: dict[str, int] = {}
    languages = {lang for entry in translations.values() for lang in entry}
    for lang in sorted(languages):
        target = paths.translations_dir() / lang / f"{part}.po"
        catalog = _read(target, lang) if target.exists() else Catalog(locale=lang, domain=DOMAIN, charset="utf-8")
        catalog._num_plurals = catalog._plural_expr = None  # noqa: SLF001 - the header follows CLDR's rule
        others = {path: _read(path, lang) for path in sorted((paths.translations_dir() / lang).glob("*.po"))
                  if path != target}
        count = 0
        for key, entry in translations.items():
            if lang not in entry:
                continue
            source = template.get(key)
            if source is None:
                raise SystemExit(f"not a message of the sources: {key!r}")
            done_elsewhere = [path for path, other in others.items()
                              if (found := other.get(source.id, source.context)) is not None and _is_translated(found)]
            if done_elsewhere and not replace:
                continue
            for path in done_elsewhere:
                others[path].delete(source.id, source.context)
                _write(path, others[path])
            value = entry[lang]
            string: str | tuple[str, ...]
            string = tuple(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
            if isinstance(source.id, tuple):
                wanted = plural_count(lang)
                if isinstance(string, tuple) and len(string) == 1:
                    string = string[0]
                if not isinstance(string, tuple):
                    string = (string,) * wanted
                elif len(string) != wanted:
                    raise SystemExit(f"{lang}: {key!r} needs {wanted} plural forms (or one for every count), "
                                     f"got {len(string)}")
            catalog.delete(source.id, source.context)
            catalog.add(source.id, string, context=source.context)
            count += 1
        if count:
            _write(target, catalog)
        written[lang] = count
    return written


def untranslated(lang: str, limit: int | None = None) -> dict[str, object]:
    """The messages ``lang`` still lacks, as a translator's work list: the message, its plural (if any), where it
    is used and the note left for translators, with the language's CLDR plural categories (one example number
    each) so that every form is written in the order gettext picks it."""
    catalog = merged_catalog(lang) if (paths.translations_dir() / lang).is_dir() else Catalog(locale=lang)
    items = []
    for message in extract_template():
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is not None and _is_translated(found):
            continue
        single, plural = (message.id, None) if isinstance(message.id, str) else (message.id[0], message.id[1])
        item: dict[str, object] = {"id": single}
        if plural is not None:
            item["plural"] = plural
        if message.locations:
            item["where"] = message.locations[0][0]
        if message.auto_comments:
            item["note"] = " ".join(message.auto_comments)
        items.append(item)
        if limit is not None and len(items) >= limit:
            break
    return {"language": lang, "plural_forms": plural_count(lang), "plural_form_examples": plural_examples(lang),
            "messages": items}


def answers_to_translations(todo_file: str, answers: dict[str, object]) -> dict[str, dict[str, object]]:
    """Turn numbered answers to a saved todo list back into ``fill``'s {message: {lang: text}} form, so a
    translator writes only the translations, never the English again."""
    work = json.loads(Path(todo_file).read_text(encoding="utf-8"))
    by_number = {str(item["n"]): item["id"] for item in work["messages"]}
    unknown = sorted(set(answers) - set(by_number), key=lambda k: (len(k), k))
    if unknown:
        raise SystemExit(f"answers numbered {', '.join(unknown)} are not in {todo_file}")
    return {by_number[number]: {work["language"]: text} for number, text in answers.items() if text}


def plural_examples(lang: str) -> list[list[int]]:
    """For each plural form of ``lang``, in gettext's order, a few counts that pick it (0–200)."""
    import gettext

    choose = gettext.c2py(Catalog(locale=lang).plural_expr)  # the very rule the compiled catalog's header gives
    forms: list[list[int]] = [[] for _ in range(plural_count(lang))]
    for n in range(201):
        index = choose(n)
        if len(forms[index]) < 6:
            forms[index].append(n)
    return forms


def coverage(template: Catalog | None = None) -> dict[str, float]:
    """For each language with a catalog, the share of the sources' messages it translates."""
    try:
        template = template or extract_template()
    except OSError:  # no sources to read (an installed bundle without its compiled catalogs)
        return {}
    ids = [message for message in template if message.id]
    result = {}
    for lang in language_dirs():
        catalog = merged_catalog(lang)
        done = sum(1 for message in ids
                   if (found := catalog.get(message.id, message.context)) is not None and _is_translated(found))
        result[lang] = done / len(ids) if ids else 1.0
    return result


def compile_all(quiet: bool = False) -> list[Path]:
    written = []
    shares = coverage()
    if shares:
        target = paths.compiled_catalogs_dir() / COVERAGE_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(shares, indent=1, sort_keys=True), encoding="utf-8")
    for lang in language_dirs():
        catalog = merged_catalog(lang)
        target = paths.compiled_catalogs_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(write_mo_bytes(catalog))
        written.append(target)
        if not quiet:
            print(f"{lang}: {len(catalog)} messages -> {target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_app.i18n.catalogs")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract")
    update_parser = sub.add_parser("update")
    update_parser.add_argument("--part", default="core")
    update_parser.add_argument("--prune", action="store_true", help="remove messages no longer in the sources")
    update_parser.add_argument("--sources", nargs="*", help="only messages used in files matching these globs")
    compile_parser = sub.add_parser("compile")
    compile_parser.add_argument("--quiet", action="store_true")
    fill_parser = sub.add_parser("fill", help="write translations given as JSON into a part")
    fill_parser.add_argument("--part", required=True)
    fill_parser.add_argument("--replace", action="store_true", help="replace existing translations")
    fill_parser.add_argument("json_file", help='{"message id": {"ru": "…", "kk": "…"}, …}, or with --answers '
                                                '{"1": "…", "2": ["form 0", "form 1"], …} numbered as in the todo list')
    fill_parser.add_argument("--answers", metavar="TODO_FILE",
                             help="json_file answers the numbered list saved by todo --save")
    todo_parser = sub.add_parser("todo", help="list the messages a language still lacks, as JSON")
    todo_parser.add_argument("language")
    todo_parser.add_argument("--limit", type=int)
    todo_parser.add_argument("--save", help="also keep the list here, numbered, for fill --answers")
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "extract":
        path = write_template(extract_template())
        print(f"template written: {path}")
    elif args.command == "update":
        for lang, count in update(args.part, args.prune, args.sources).items():
            print(f"{lang}: {count} new messages in {args.part}.po")
    elif args.command == "fill":
        import json

        with open(args.json_file, encoding="utf-8") as handle:
            data = json.load(handle)
        if args.answers:
            data = answers_to_translations(args.answers, data)
        for lang, count in fill(args.part, data, args.replace).items():
            print(f"{lang}: {count} messages written to {args.part}.po")
    elif args.command == "todo":
        import json

        work = untranslated(args.language, args.limit)
        messages: list[dict[str, object]] = work["messages"]  # type: ignore[assignment]
        for number, item in enumerate(messages, start=1):
            item["n"] = number
        text = json.dumps(work, ensure_ascii=False, indent=1)
        if args.save:
            Path(args.save).write_text(text, encoding="utf-8")
        print(text)
    elif args.command == "compile":
        compile_all(args.quiet)
    elif args.command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
