"""The PDF benchmark (``python -m workbench.bench --pdf``) on a few pages: it typesets the
file, reads it three ways in child processes and counts the paragraphs that came back."""

from __future__ import annotations

from workbench.bench import pdf as pdf_bench


def test_the_pdf_benchmark_reads_every_paragraph_and_reports_each_reader(capsys):
    report = pdf_bench.measure(pages=6, repeat=1)
    same, total = report["paragraphs"]
    assert total > 37 and same == total == report["paragraphs_read"]
    assert report["pages"] >= 4
    for kind in ("idle", "floor", "workbench"):
        assert report[kind]["peak_mb"] > 0
    assert report["workbench"]["seconds"] > 0 and report["floor"]["seconds"] > 0
    pdf_bench.print_report(report)
    out = capsys.readouterr().out
    assert f"paragraphs: {total} of {total} back word for word" in out
    assert "workbench / floor time:" in out
