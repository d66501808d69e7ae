"""The EWP ``iia-hash`` (IIA API v7): the SHA-256 of the ``text-to-hash`` the official XSLT produces.

The specification defines the hash through an XSLT 2.0 stylesheet (``transform_version_7.xsl`` in the
ewp-specs-api-iias repository, resources/xsltKit; MIT licence). Its rules are implemented here in plain
Python over the parsed document, so the application needs no XSLT 2.0 processor; the tests run the
official stylesheet with Saxon (saxonche) on both official examples, on our own exports and on
generated agreements, and compare the text character for character.

The rules, as the stylesheet applies them to one ``<iia>``:

1. ``_@terminated-as-a-whole@_`` first when any ``cooperation-conditions`` element *of the document*
   carries ``terminated-as-a-whole`` = true or 1 (the stylesheet looks document-wide);
2. ``_iia-id_N=<id>_`` for each partner N, in order (empty when the partner has none);
3. for each mobility specification (each child of ``cooperation-conditions``), in document order:
   for each descendant element, except those inside a sending or receiving contact, the receiving
   first and last academic year, and any element with ``not-yet-defined`` = true or 1 on itself or an
   ancestor: first its attributes (but ``not-yet-defined`` and ``v6-value``) as
   ``_@grandparent.parent.element.attribute=value@_``, then, if it has no child element, its value as
   ``_grandparent.parent.element=value_`` (an ``isced-f-code`` gives its ``v6-value`` when it has one);
   then ``_receiving-first-academic-year-id=…_`` and ``_receiving-last-academic-year-id=…_``.

Names are local names: namespaces are ignored, as the stylesheet's ``local-name()`` tests do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

_EXCLUDED_INSIDE = {"sending-contact", "receiving-contact"}
_YEARS = ("receiving-first-academic-year-id", "receiving-last-academic-year-id")
_TRUE = ("true", "1")


def _local(tag: object) -> str:
    """The local name of an element (comments and processing instructions have none)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _elements(parent) -> Iterator:
    return (child for child in parent if isinstance(child.tag, str))


def _value(element) -> str:
    """The XPath string value of an element: all its text, descendants included, comments left out."""
    return "".join(element.itertext())


def _first_child(parent, name: str):
    return next((child for child in _elements(parent) if _local(child.tag) == name), None)


def _dump(name: str, element) -> str:
    if element is None:
        return f"_{name}=_"
    value = _value(element)
    if _local(element.tag) == "isced-f-code" and element.get("v6-value"):
        value = element.get("v6-value")
    return f"_{name}={value}_"


def _not_yet_defined(element) -> bool:
    return element.get("not-yet-defined") in _TRUE


def _mobility(mobility, path: list, out: list[str]) -> None:
    """Rule 3 for one mobility specification; ``path`` holds its ancestors, the document root first."""

    def walk(element, ancestors: list, hidden: bool) -> None:
        for child in _elements(element):
            name = _local(child.tag)
            chain = [*ancestors, element]
            skipped = hidden or _not_yet_defined(child)
            if not skipped and name not in _YEARS:
                grandparent, parent = _local(chain[-2].tag), _local(chain[-1].tag)
                for attribute, value in child.attrib.items():
                    if attribute in ("not-yet-defined", "v6-value"):
                        continue
                    out.append(f"_@{grandparent}.{parent}.{name}.{_local(attribute)}={value}@_")
                if next(_elements(child), None) is None:
                    out.append(_dump(f"{grandparent}.{parent}.{name}", child))
            walk(child, chain, skipped or name in _EXCLUDED_INSIDE)  # a contact's own attributes do count

    hidden = any(_not_yet_defined(ancestor) for ancestor in path) or _not_yet_defined(mobility)
    walk(mobility, path, hidden)
    for year in _YEARS:
        out.append(_dump(year, _first_child(mobility, year)))


def _terminated(root) -> bool:
    for element in root.iter():
        if _local(element.tag) == "cooperation-conditions":
            for attribute, value in element.attrib.items():
                if _local(attribute) == "terminated-as-a-whole" and value in _TRUE:
                    return True
    return False


def _path_to(root, target) -> list:
    """The ancestors of ``target`` from the root down (the stylesheet's ancestor axis)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    chain = []
    node = target
    while node in parents:
        node = parents[node]
        chain.append(node)
    return list(reversed(chain))


def texts_to_hash(root) -> list[tuple[str, str]]:
    """(iia-id of the first partner, text-to-hash) of every ``<iia>`` of a document, in document order."""
    terminated = _terminated(root)
    found = []
    for iia in (element for element in root.iter() if _local(element.tag) == "iia"):
        out = ["_@terminated-as-a-whole@_"] if terminated else []
        partners = [child for child in _elements(iia) if _local(child.tag) == "partner"]
        for position, partner in enumerate(partners, start=1):
            out.append(_dump(f"iia-id_{position}", _first_child(partner, "iia-id")))
        path = _path_to(root, iia)
        for conditions in (c for c in _elements(iia) if _local(c.tag) == "cooperation-conditions"):
            for mobility in _elements(conditions):
                _mobility(mobility, [*path, iia, conditions], out)
        first = _first_child(partners[0], "iia-id") if partners else None
        found.append((_value(first) if first is not None else "", "".join(out)))
    return found


def iia_hash(text_to_hash: str) -> str:
    return hashlib.sha256(text_to_hash.encode("utf-8")).hexdigest()


def hashes(root) -> list[str]:
    """The iia-hash of every ``<iia>`` of a parsed document, in document order."""
    return [iia_hash(text) for _iia_id, text in texts_to_hash(root)]
