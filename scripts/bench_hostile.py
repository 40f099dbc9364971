"""Hostile-input benchmark: time and peak memory of refusing crafted files (not a test).

Each case builds a file in a scratch folder, runs a ``workbench`` command on it in a
child process, and prints the wall seconds, the child's peak resident memory, its exit
status and the first line of its standard error, each beside its floor (the limit the
project holds itself to). Nothing is asserted: the table is the result.

Cases are named entries of ``CASES``; add one with a builder ``(folder) -> Path`` and
the command to run on the file it returns.

Run: .venv/bin/python scripts/bench_hostile.py [--only NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import os
import signal
import struct
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
#: Size the zip-bomb part inflates to.
BOMB_BYTES = 1024 * MIB


@dataclass(frozen=True)
class Case:
    """One hostile input: how to build it, the command to run on it, and its floors."""

    name: str
    build: Callable[[Path], Path]
    command: tuple[str, ...] = ("segment",)  # workbench sub-command; the file is appended
    max_seconds: float = 5.0
    max_rss_mb: float = 300.0


@dataclass(frozen=True)
class Outcome:
    """What one child process did."""

    seconds: float
    rss_mb: float
    status: str
    stderr_line: str


def _small_docx() -> bytes:
    """A real one-paragraph .docx written by python-docx."""
    import docx

    document = docx.Document()
    document.add_paragraph("A short paragraph before the bomb.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_styles_bomb(folder: Path) -> Path:
    """A .docx whose word/styles.xml declares and inflates to 1 GB of zeros (about 1 MB)."""
    path = folder / "styles-bomb.docx"
    if path.exists():  # the forged case starts from this one
        return path
    with (
        zipfile.ZipFile(io.BytesIO(_small_docx())) as source,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                out.writestr(info, source.read(info.filename))
        zeros = bytes(MIB)
        # streamed in 1 MiB chunks, so the builder itself stays small in memory
        with out.open("word/styles.xml", "w") as part:
            for _ in range(BOMB_BYTES // MIB):
                part.write(zeros)
    return path


def forge_declared_size(data: bytes, part: str, size: int) -> bytes:
    """``data`` with the uncompressed size of ``part`` set to ``size`` in both ZIP headers."""
    raw = bytearray(data)
    eocd = raw.rindex(b"PK\x05\x06")
    (entries,) = struct.unpack_from("<H", raw, eocd + 10)
    (pos,) = struct.unpack_from("<I", raw, eocd + 16)
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, pos + 28)
        if raw[pos + 46 : pos + 46 + name_len].decode() == part:
            (local,) = struct.unpack_from("<I", raw, pos + 42)
            struct.pack_into("<I", raw, pos + 24, size)  # central directory entry
            struct.pack_into("<I", raw, local + 22, size)  # local file header
            return bytes(raw)
        pos += 46 + name_len + extra_len + comment_len
    raise KeyError(part)


def build_forged_styles_bomb(folder: Path) -> Path:
    """The styles bomb with styles.xml declaring only 30 KB: the headers lie, the data does not."""
    bomb = build_styles_bomb(folder)
    path = folder / "styles-bomb-forged.docx"
    path.write_bytes(forge_declared_size(bomb.read_bytes(), "word/styles.xml", 30_000))
    return path


def _docx_with(folder: Path, name: str, part: str, body: Callable[[bytes], bytes]) -> Path:
    """A small .docx whose ``part`` is replaced by ``body(old part)``, written streamed."""
    path = folder / name
    with (
        zipfile.ZipFile(io.BytesIO(_small_docx())) as source,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info, source.read(info.filename))
        out.writestr(part, body(source.read(part)))
    return path


def _empty_paragraphs(folder: Path, megabytes: int) -> Path:
    empties = b"<w:p/>" * (megabytes * MIB // 6)
    return _docx_with(
        folder,
        f"empty-paragraphs-{megabytes}.docx",
        "word/document.xml",
        lambda xml: xml.replace(b"</w:body>", empties + b"</w:body>"),
    )


def build_empty_paragraphs(folder: Path) -> Path:
    """word/document.xml with 120 MB of empty ``<w:p/>`` (valid XML, a few hundred KB packed)."""
    return _empty_paragraphs(folder, 120)


def build_fewer_empty_paragraphs(folder: Path) -> Path:
    """The same with 60 MB: under the size cap, over the paragraph count."""
    return _empty_paragraphs(folder, 60)


def build_style_flood(folder: Path) -> Path:
    """word/styles.xml with 120 MB of (valid) paragraph styles."""
    style = b'<w:style w:type="paragraph" w:styleId="s"><w:name w:val="s"/></w:style>'
    flood = style * (120 * MIB // len(style))
    return _docx_with(
        folder,
        "style-flood.docx",
        "word/styles.xml",
        lambda xml: xml.replace(b"</w:styles>", flood + b"</w:styles>"),
    )


def build_huge_unit_id(folder: Path) -> Path:
    """A review file whose first pair claims paragraph P99999999 of a two-paragraph original."""
    from workbench.align import align
    from workbench.review import build_review
    from workbench.store import to_csv
    from workbench.text import document_from_units

    doc = document_from_units(["One paragraph.", "Another one."], name="o.txt", language="en")
    rows = list(
        csv.reader(
            io.StringIO(
                to_csv(build_review(align(doc, doc), [], project="ids")).decode("utf-8"), newline=""
            )
        )
    )
    header = rows[0]
    rows[1][header.index("original_ids")] = "P99999999"
    rows[1][header.index("pair_id")] = "P99999999=P1"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = folder / "huge-id.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


CASES: list[Case] = [
    Case("docx: styles.xml inflates to 1 GB", build_styles_bomb),
    Case("docx: same, declared size forged", build_forged_styles_bomb),
    Case("docx: 120 MB of empty paragraphs", build_empty_paragraphs),
    Case("docx: 60 MB of empty paragraphs", build_fewer_empty_paragraphs),
    Case("docx: 120 MB of styles", build_style_flood),
    Case("review CSV: P99999999 (report)", build_huge_unit_id, command=("report",)),
    Case(
        "review CSV: P99999999 (export)",
        build_huge_unit_id,
        command=("export", "--format", "html", "-o", "/dev/null"),
    ),
]


def run_child(args: list[str], *, timeout: float) -> Outcome:
    """Run ``args``; wall seconds, the child's own peak RSS, exit status, first stderr line."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc_pid = os.posix_spawn(args[0], args, os.environ, file_actions=_redirect(err))
        status_text = ""
        while True:
            # wait4 gives the resource usage of this child alone (RUSAGE_CHILDREN keeps the
            # maximum over all children, so one big case would hide the next)
            pid, status, usage = os.wait4(proc_pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.kill(proc_pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc_pid, 0)
                status_text = f"killed after {timeout:.0f} s"
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    if not status_text:
        code = os.waitstatus_to_exitcode(status)
        status_text = f"exit {code}" if code >= 0 else f"signal {-code}"
    return Outcome(seconds, usage.ru_maxrss * 1024 / 1e6, status_text, lines[0] if lines else "")


def _redirect(err: object) -> list[tuple]:
    """posix_spawn file actions: stdin and stdout to /dev/null, stderr to ``err``."""
    return [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
    ]


def main(argv: list[str] | None = None) -> int:
    """Build every case, run it in a child process, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = [case.name for case in CASES]
    parser.add_argument("--only", nargs="*", choices=names, help="run only these cases")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a kill")
    parser.add_argument("--keep", metavar="DIR", help="build the files in DIR and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_hostile_") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        header = (
            f"{'case':<36}{'file MB':>8}{'seconds':>9}{'floor':>7}{'peak MB':>9}{'floor':>7}"
            f"  {'within':<7}{'status':<10}first stderr line"
        )
        print(header)
        print("-" * len(header), flush=True)
        for case in CASES:
            if args.only and case.name not in args.only:
                continue
            # built in a fresh process: a forked child's peak RSS counts the parent's pages
            # until it execs, so the measuring process must stay small
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                path = pool.apply(case.build, (folder,))
            command = [sys.executable, "-m", "workbench", *case.command, str(path)]
            os.chdir(REPO)  # so that -m workbench runs this checkout
            got = run_child(command, timeout=args.timeout)
            within = got.seconds <= case.max_seconds and got.rss_mb <= case.max_rss_mb
            print(
                f"{case.name:<36}{path.stat().st_size / 1e6:>8.1f}{got.seconds:>9.2f}"
                f"{case.max_seconds:>7.0f}{got.rss_mb:>9.0f}{case.max_rss_mb:>7.0f}"
                f"  {'yes' if within else 'NO':<7}{got.status:<10}{got.stderr_line[:160]}",
                flush=True,
            )
    print("(MB = 10^6 bytes; peak MB is the child's maximum resident set size)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
