"""Reproducible Office Open XML (XLSX, DOCX) containers.

openpyxl and python-docx stamp every zip entry, and the "created"/"modified" document
properties, with the time of saving. Exports are pure functions of the review, so the
same review must give the same bytes: entries get a fixed date and the properties the
review's own date.
"""

from __future__ import annotations

import io
import re
import zipfile

from workbench.export.cells import iso_utc, utc_time
from workbench.review.record import Review

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def last_change(review: Review) -> str:
    """When the review last changed: the latest annotation time, else its creation time."""
    # Only times with a UTC equivalent count: the date is written in UTC.
    stamps = [(utc_time(p.annotation.updated_at), p.annotation.updated_at) for p in review.pairs]
    known = [(t, text) for t, text in stamps if t is not None]
    return max(known)[1] if known else review.meta.created_at


def stable_zip(data: bytes, when: str) -> bytes:
    """``data`` (an OOXML zip) rewritten with fixed entry dates and properties dated ``when``."""
    stamp = iso_utc(when) or ""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml" and stamp:
                body = _CORE_DATES.sub(rb"\g<1>" + stamp.encode() + rb"\g<3>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, body)
    return out.getvalue()
