"""TMX 1.4 export: one translation unit per linked bead, built with ElementTree."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from workbench import __version__
from workbench.export.cells import iso_utc, xml_text
from workbench.model import KIND_ADDED, KIND_OMITTED, DiscrepancyEntry
from workbench.review.record import PairRecord, Review

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: A BCP 47-like language tag: a 2–8 letter language, then letter/digit subtags.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def _tmx_date(stamp: str) -> str | None:
    iso = iso_utc(stamp)  # YYYY-MM-DDTHH:MM:SSZ; TMX wants YYYYMMDDTHHMMSSZ
    return iso.replace("-", "").replace(":", "") if iso else None


def _lang(code: str) -> str:
    # The codes come from the review file's metadata, which anyone may have edited: a
    # code that is not a language tag would make xml:lang (or the XML itself) invalid.
    # TMX needs a language on every tuv; "und" (undetermined) is the BCP 47 code for unknown.
    return code if _LANGUAGE_TAG.fullmatch(code) else "und"


def _tu(pair: PairRecord, *, src: str, tgt: str) -> ET.Element:
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    tu = ET.Element("tu", {"tuid": xml_text(pair.pair_id)})
    changed = _tmx_date(ann.updated_at)
    if changed:
        tu.set("changedate", changed)
    if ann.reviewer:
        tu.set("changeid", xml_text(ann.reviewer))
    props = {
        "x-pair-id": pair.pair_id,
        "x-kind": pair.kind,
        "x-similarity": repr(pair.similarity),
        "x-band": pair.band,
        "x-checks": ";".join(pair.checks),
        "x-status": ann.status,
        "x-category": ann.category,
        "x-severity": ann.severity,
        "x-reviewer": ann.reviewer,
        "x-discrepancy": log.discrepancy,
        "x-decision": log.decision,
    }
    # TMX orders children: note*, prop*, tuv+ (notes first per the DTD's content model).
    if ann.comment:
        ET.SubElement(tu, "note").text = xml_text(ann.comment)
    for kind, value in props.items():
        if value:
            ET.SubElement(tu, "prop", {"type": kind}).text = xml_text(value)
    for lang, text in ((src, pair.original_text), (tgt, pair.translation_text)):
        tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
        ET.SubElement(tuv, "seg").text = xml_text(text)
    return tu


def to_tmx(review: Review) -> bytes:
    """The review as TMX 1.4 (1:0 and 0:1 pairs are skipped: they have no translation)."""
    meta = review.meta
    src, tgt = _lang(meta.original_language), _lang(meta.translation_language)
    root = ET.Element("tmx", {"version": "1.4"})
    created = _tmx_date(meta.created_at) or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "workbench",
            "creationtoolversion": __version__,
            "segtype": xml_text(str(meta.level)),
            "o-tmf": "workbench-review",
            "adminlang": "en",
            "srclang": src,
            "datatype": "plaintext",
            "creationdate": created,
        },
    )
    for kind, value in (
        ("x-project", meta.project),
        ("x-original-name", meta.original_name),
        ("x-translation-name", meta.translation_name),
        ("x-original-sha256", meta.original_sha256),
        ("x-translation-sha256", meta.translation_sha256),
    ):
        if value:
            ET.SubElement(header, "prop", {"type": kind}).text = xml_text(value)
    body = ET.SubElement(root, "body")
    for pair in review.pairs:
        if pair.kind in (KIND_OMITTED, KIND_ADDED) or not (
            pair.original_ids and pair.translation_ids
        ):
            continue
        body.append(_tu(pair, src=src, tgt=tgt))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
