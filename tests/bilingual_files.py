"""Bilingual files for the tests, written by translate-toolkit's own writers (XLIFF 1.x,
XLIFF 2.0, TMX 1.4): ids, notes, states, and groups added with lxml."""

from __future__ import annotations

from translate.storage import tmx, xliff, xliff2

PAIRS = [
    ("The museum opens at nine.", "Das Museum öffnet um neun."),
    ("Tickets cost 3,500 yen.", "Karten kosten 5.300 Yen."),
    ("Children enter free.", "Kinder haben freien Eintritt."),
]


def xliff12(*, untranslated: bool = False) -> bytes:
    """An XLIFF file from translate-toolkit's writer: ids, a note, states."""
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="de")
    for k, (source, target) in enumerate(PAIRS):
        unit = store.addsourceunit(source)
        if not (untranslated and k == 2):
            unit.target = target
        unit.setid(f"seg-{k + 1}")
        if k == 1:
            unit.addnote("Check the price with the client.", origin="translator")
            unit.markfuzzy(True)
    return bytes(store)


def xliff20() -> bytes:
    store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage="de")
    for k, (source, target) in enumerate(PAIRS):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(f"u{k + 1}")
        unit.marktranslated()
        if k == 0:
            unit.addnote("Opening hours from the website.", origin="translator")
    return bytes(store)


def tmx14() -> bytes:
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="de")
    for k, (source, target) in enumerate(PAIRS):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.xmlelement.set("tuid", f"tu-{k + 1}")  # the writer has no setter for tuid
        if k == 2:
            unit.addnote("From the 2019 leaflet.")
    return bytes(store)


def grouped_xliff12() -> bytes:
    """Two <group>s of trans-units (translate-toolkit writes the units; lxml adds groups)."""
    from lxml import etree

    root = etree.fromstring(xliff12())
    ns = root.nsmap[None]
    body = root.find(f".//{{{ns}}}body")
    units = list(body)
    first = etree.SubElement(body, f"{{{ns}}}group", id="para-1")
    second = etree.SubElement(body, f"{{{ns}}}group", id="para-2")
    first.extend(units[:2])
    second.append(units[2])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
