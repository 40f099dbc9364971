"""Bilingual files in: XLIFF 1.2 / 2.0 and TMX 1.4 as pre-aligned units (``docs/bilingual.md``).

A CAT tool's file already pairs every source segment with its target. :func:`read_bilingual`
turns its bytes into a :class:`Bilingual` record (the units with their CAT ids, notes,
states and groups) and :meth:`Bilingual.documents` into the two Documents of a review,
paragraph ``k`` of each side being unit (or group) ``k``.

Reading is safe with untrusted files: ``lxml`` without entity expansion, network or DTD
loading, no huge trees, a file declaring entities refused, and the limits of
``workbench.config`` (bytes, units, characters) read at call time. Which format a file
is comes from its root element, never from its name.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from workbench import config
from workbench.errors import EmptyDocumentError, InputError, TooLargeError, UnsupportedFormatError
from workbench.model import Document
from workbench.text.bilingual_formats import FORMATS, BilingualUnit, root_format
from workbench.text.segment import document_from_units

#: File-name endings the app's uploader offers for a bilingual file (content decides).
BILINGUAL_EXTENSIONS: tuple[str, ...] = ("xlf", "xliff", "sdlxliff", "mqxliff", "tmx")

_PRIMARY_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")
_HEAD = 4096  # bytes looked at to tell a bilingual file from another one


@dataclass(frozen=True)
class Bilingual:
    """A bilingual file read: its format, languages and units in file order."""

    name: str
    format: str  # "xliff-1.2", "xliff-2.0" or "tmx-1.4"
    source_language: str
    target_language: str
    units: tuple[BilingualUnit, ...]

    def paragraphs(self, *, group: bool) -> tuple[tuple[int, ...], ...]:
        """Unit indices of each review paragraph: one unit each, or a group's units together.

        Grouping joins consecutive units of one ``group`` (an XLIFF ``<group>``, the
        ``<unit>`` of an XLIFF 2.0 segment); units without a group stay alone.
        """
        out: list[list[int]] = []
        previous = ""
        for k, unit in enumerate(self.units):
            if group and unit.group and unit.group == previous and out:
                out[-1].append(k)
            else:
                out.append([k])
            previous = unit.group
        return tuple(tuple(p) for p in out)

    def documents(self, *, group: bool = False) -> PreAligned:
        """The source and target Documents and how their paragraphs are linked.

        Each review paragraph (a unit, or a group's units joined by a space) becomes a
        paragraph of each side that has text in it; sides without text get none, so a
        source left untranslated is a paragraph of the original linked to nothing.
        """
        members = self.paragraphs(group=group)
        sides = []
        for side, language, what in (
            ("source", self.source_language, "source"),
            ("target", self.target_language, "target"),
        ):
            texts = [
                " ".join(t for t in (getattr(self.units[i], side).strip() for i in p) if t)
                for p in members
            ]
            kept = [t for t in texts if t]
            if not kept:
                raise EmptyDocumentError(f"“{self.name}” holds no {what} text.")
            doc = document_from_units(
                kept, name=f"{self.name} · {what}", language=_language(language)
            )
            index = iter(range(len(kept)))
            sides.append(
                (
                    replace(doc, source_format=self.format),
                    [next(index) if t else None for t in texts],
                )
            )
        (original, o_index), (translation, t_index) = sides
        return PreAligned(
            original=original,
            translation=translation,
            links=tuple(zip(o_index, t_index, strict=True)),
            members=members,
        )


@dataclass(frozen=True)
class PreAligned:
    """The two Documents of a bilingual file and which paragraphs are one unit (or group).

    ``links[k]`` is (original paragraph index, translation paragraph index) of review
    paragraph ``k``, None for a side without text; ``members[k]`` its units' indices in
    ``Bilingual.units``.
    """

    original: Document
    translation: Document
    links: tuple[tuple[int | None, int | None], ...]
    members: tuple[tuple[int, ...], ...]


def _language(tag: str) -> str | None:
    """The file's language as the primary subtag the rest of the workbench uses; None = guess."""
    m = _PRIMARY_LANGUAGE.match(tag.strip())
    return m.group(1).lower() if m else None


def _parser() -> Any:
    from lxml import etree  # slow import: only when a bilingual file is read

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _looks_like_xml(data: bytes) -> bool:
    head = data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or head[:2] in (b"\xff\xfe", b"\xfe\xff")


def bilingual_format(data: bytes) -> str | None:
    """ "xliff-1.2", "xliff-2.0", "tmx-1.4" … when ``data`` is a bilingual file, else None.

    Only the root element is read (by its namespace, name and ``version``); a file that
    is not XML, or XML of another kind, is simply not bilingual.
    """
    if not _looks_like_xml(data):
        return None
    from lxml import etree

    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data),
            events=("start",),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        ):
            return root_format(element.tag, element.get("version", ""))
    except (etree.XMLSyntaxError, ValueError):
        return None
    return None


def _refuse_entities(tree: Any, *, name: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsupportedFormatError(
            f"“{name}” declares XML entities in its DOCTYPE; such files are refused because "
            "entities can expand to gigabytes or read other files (no XLIFF or TMX needs them)."
        )


def _parse(data: bytes, *, name: str) -> Any:
    """The parsed tree of ``data``, refused when too large, malformed or declaring entities."""
    from lxml import etree

    limit = config.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise TooLargeError(
            f"“{name}” is {len(data) / 1e6:.1f} MB; the largest file accepted is "
            f"{limit / 1e6:.0f} MB."
        )
    if b"<!ENTITY" in data:
        raise UnsupportedFormatError(
            f"“{name}” declares XML entities (<!ENTITY …>); such files are refused because "
            "entities can expand to gigabytes or read other files (no XLIFF or TMX needs them)."
        )
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"“{name}” is not well-formed XML: {exc}.") from None
    _refuse_entities(tree, name=name)
    return tree


def _check_limits(units: Sequence[BilingualUnit], *, name: str) -> None:
    if len(units) > config.MAX_SEGMENTS:
        raise TooLargeError(
            f"“{name}” has {len(units):,} units; at most {config.MAX_SEGMENTS:,} are accepted."
        )
    chars = sum(len(u.source) + len(u.target) for u in units)
    if chars > 2 * config.MAX_CHARS:
        raise TooLargeError(
            f"“{name}” holds {chars:,} characters; at most {config.MAX_CHARS:,} a side are "
            "accepted."
        )


def read_bilingual(data: bytes, *, name: str) -> Bilingual:
    """Read an XLIFF 1.2/2.0 or TMX 1.4 file; typed errors say why a file is refused.

    UnsupportedFormatError for XML of another kind (or another version), a file that is
    not XML, or one declaring entities; InputError for malformed XML or units the format
    does not allow; TooLargeError beyond the limits; EmptyDocumentError without units.
    """
    fmt = bilingual_format(data)
    if fmt is None and not _looks_like_xml(data):
        raise UnsupportedFormatError(
            f"“{name}” is not a bilingual file: XLIFF 1.2, XLIFF 2.0 and TMX 1.4 are XML."
        )
    tree = _parse(data, name=name)
    root = tree.getroot()
    fmt = root_format(root.tag, root.get("version", ""))
    if fmt not in FORMATS:
        raise UnsupportedFormatError(
            f"“{name}” is XML but not a bilingual file this workbench reads (its root element "
            f"is <{_local(root.tag)}> version {root.get('version', '?')!r}; expected XLIFF "
            "1.2, XLIFF 2.0 or TMX 1.4)."
        )
    source_language, target_language, raw = FORMATS[fmt](root, name=name)
    _check_limits(raw, name=name)
    units = tuple(u for u in raw if u.source.strip() or u.target.strip())
    if not units:
        raise EmptyDocumentError(f"“{name}” holds no unit with text.")
    return Bilingual(
        name=name,
        format=fmt,
        source_language=source_language,
        target_language=target_language,
        units=units,
    )


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a bilingual file; InputError if it cannot be read, TooLargeError if too big."""
    name = os.path.basename(os.fspath(path))
    try:
        size = os.path.getsize(path)
        if size > config.MAX_UPLOAD_BYTES:
            raise TooLargeError(
                f"“{name}” is {size / 1e6:.1f} MB; the largest file accepted is "
                f"{config.MAX_UPLOAD_BYTES / 1e6:.0f} MB."
            )
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise InputError(f"Cannot read “{name}”: {exc.strerror or exc}.") from None
