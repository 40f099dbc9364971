"""The table of a multi-version comparison (:mod:`workbench.features.compare`): CSV and XLSX.

One row per original paragraph: its id and text, then per version the aligned unit
ids, the text, whether it continues the row above, units the version adds after the
paragraph, its similarity to the reference version and the checks that fired; then
the row's agreement and the agreement of every version pair. Empty cell = no value.
"""

from __future__ import annotations

import csv
import io

from workbench.export.cells import neutralise, safe_cell
from workbench.features.compare import Comparison, ComparisonRow, agreement_level

_BOM = "\ufeff"
#: XLSX fill of the agreement cell by agreement level (green, yellow, orange).
LEVEL_FILLS = {"high": "C6EFCE", "mid": "FFEB9C", "low": "F8CBAD"}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def comparison_header(comparison: Comparison) -> list[str]:
    """Column names of the comparison table (version columns prefixed ``v1``, ``v2``, …)."""
    header = ["row", "original_id", "original_text"]
    for k in range(len(comparison.versions)):
        prefix = f"v{k + 1}"
        header += [
            f"{prefix}_ids",
            f"{prefix}_text",
            f"{prefix}_continued",
            f"{prefix}_added_ids",
            f"{prefix}_added_text",
            f"{prefix}_similarity_to_reference",
            f"{prefix}_checks",
        ]
    header.append("agreement")
    header += [f"agreement_v{i + 1}_v{j + 1}" for i, j in comparison.version_pairs]
    return header


def comparison_rows(comparison: Comparison) -> list[list[str | float | None]]:
    """The table's rows: texts as str, numbers as float (None when there is no value)."""
    out: list[list[str | float | None]] = []
    for row in comparison.rows:
        values: list[str | float | None] = [row.index + 1, row.original_id, row.original_text]
        for cell in row.cells:
            values += [
                ";".join(cell.unit_ids),
                cell.text,
                "yes" if cell.continued else "",
                ";".join(cell.added_ids),
                cell.added_text,
                cell.similarity,
                ";".join(dict.fromkeys(f.check for f in cell.findings)),
            ]
        values.append(row.agreement)
        values += list(row.pair_agreement)
        out.append(values)
    return out


def _cell_text(value: str | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    return str(value)


def comparison_to_csv(comparison: Comparison, *, excel: bool = False) -> bytes:
    """The comparison as UTF-8 CSV (RFC 4180, CRLF); ``excel=True``: BOM, formulas neutralised."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(comparison_header(comparison))
    for values in comparison_rows(comparison):
        texts = [_cell_text(v) for v in values]
        writer.writerow([neutralise(t) for t in texts] if excel else texts)
    text = buf.getvalue()
    return ((_BOM + text) if excel else text).encode("utf-8")


def _row_fill(row: ComparisonRow) -> str | None:
    level = agreement_level(row.agreement)
    return LEVEL_FILLS[level] if level else None


def comparison_to_xlsx(comparison: Comparison) -> bytes:
    """The comparison as a workbook: a "Comparison" sheet and a "Versions" sheet."""
    # Local imports: openpyxl is slow to import and only needed here.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Comparison"
    header = comparison_header(comparison)
    sheet.append(header)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    wrap = CellAlignment(wrap_text=True, vertical="top")
    agreement_col = header.index("agreement") + 1
    pairs = zip(comparison.rows, comparison_rows(comparison), strict=True)
    for number, (row, values) in enumerate(pairs, start=2):
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values])
        # sheet.cell, not sheet[sheet.max_row]: that scans every cell so far (quadratic)
        for column in range(1, len(values) + 1):
            sheet.cell(row=number, column=column).alignment = wrap
        colour = _row_fill(row)
        if colour is not None:
            sheet.cell(row=number, column=agreement_col).fill = PatternFill(
                "solid", start_color=colour, end_color=colour
            )
    for index, name in enumerate(header, start=1):
        wide = name.endswith("_text")
        sheet.column_dimensions[get_column_letter(index)].width = 50 if wide else 12
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions

    about = book.create_sheet("Versions")
    about.append(["column prefix", "file", "language", "sha256", "reference"])
    for cell in about[1]:
        cell.font = bold
    documents = [("original", comparison.original, "")] + [
        (f"v{k + 1}", doc, "yes" if k == comparison.reference else "")
        for k, doc in enumerate(comparison.versions)
    ]
    for prefix, doc, reference in documents:
        # Names, languages and hashes come from the documents: all of them are cells.
        about.append(
            [safe_cell(v) for v in (prefix, doc.name, doc.language, doc.sha256, reference)]
        )
    about.append([])
    about.append(["mean agreement", _number(comparison.mean_agreement)])
    for letter, width in zip("ABCDE", (16, 40, 10, 66, 10), strict=True):
        about.column_dimensions[letter].width = width

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
