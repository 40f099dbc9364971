"""Builders of alignments and reviews for the review/store/export tests, and the crash child.

Run as a script (``python tests/store_helpers.py crash-child FILE N``) it writes
annotations to FILE in a loop and prints ``ack <pair_id> <updated_at>`` after each
save returns; the crash test kills it with SIGKILL.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench.model import Alignment, AlignSettings, Annotation, Bead
from workbench.review import Review, build_review
from workbench.text import document_from_units


def one_to_one(
    originals: Sequence[str],
    translations: Sequence[str],
    *,
    level: str = "paragraph",
    language: str = "en",
) -> Alignment:
    """A 1:1 alignment of two equally long unit lists (units become sentences at sentence level)."""
    o = document_from_units(originals, name="original.txt", language=language)
    t = document_from_units(translations, name="translation.txt", language="fr")
    beads = tuple(
        Bead((i,), (i,), score=0.5 + i / (4 * len(originals)), confidence=0.75)
        for i in range(len(originals))
    )
    return Alignment(o, t, beads, AlignSettings(level=level, mode_used="monolingual"))


def mixed_alignment() -> Alignment:
    """Every bead kind: 1:1, n:m (1:2), moved, 1:0 and 0:1, with awkward texts."""
    o = document_from_units(
        [
            "Hello, world.",
            'A "quoted" line,\nwith a newline.',
            "=cmd|' /C calc'!A0",
            "Moved paragraph.",
            "Omitted one.",
        ],
        name="orig.md",
        language="en",
    )
    t = document_from_units(
        ["Bonjour, le monde.", "Une ligne", "« citée ».", "Paragraphe déplacé.", "=1+2", "Ajout."],
        name="trad.md",
        language="fr",
    )
    beads = (
        Bead((0,), (0,), 0.9, 0.8),
        Bead((1,), (1, 2), 0.6, 0.5),
        Bead((2,), (4,), 0.4, 0.3),
        Bead((3,), (3,), 0.7, 0.6, kind="moved"),
        Bead((4,), ()),
        Bead((), (5,)),
    )
    return Alignment(o, t, beads, AlignSettings(mode_used="monolingual", extra=(("k", "v"),)))


def make_review(alignment: Alignment | None = None, **kwargs: object) -> Review:
    """A review of ``alignment`` (default: :func:`mixed_alignment`) without divergences."""
    return build_review(
        alignment or mixed_alignment(),
        [],
        project=str(kwargs.pop("project", "demo")),
        created_at="2026-11-26T06:00:00.000Z",
        **kwargs,  # type: ignore[arg-type]
    )


def csv_rows(review: Review | None = None) -> list[list[str]]:
    """The rows of ``review``'s canonical CSV (of ``make_review()`` by default)."""
    from workbench.store import to_csv

    data = to_csv(review or make_review()).decode("utf-8")
    return list(csv.reader(io.StringIO(data, newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    """Write ``rows`` to ``path`` as a CSV alignment file would be written; the path."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def big_review(pairs: int, *, project: str = "big") -> Review:
    """A review of ``pairs`` 1:1 paragraph pairs with short distinct texts."""
    al = one_to_one(
        [f"Original paragraph number {i}, with a comma." for i in range(pairs)],
        [f"Paragraphe traduit numéro {i}, avec une virgule." for i in range(pairs)],
    )
    return build_review(al, [], project=project, created_at="2026-11-26T06:00:00.000Z")


def crash_comment(tag: str, n: int) -> str:
    """The comment the crash child writes with its ``n``-th annotation."""
    return f"{tag} write {n}"


def _crash_child(path: str, tag: str) -> None:
    """Annotate every pair of ``path`` in turn, acknowledging each save once it returned."""
    from workbench.store import load_review, save_annotation

    target = Path(path)
    ids = [p.pair_id for p in load_review(target).pairs]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for n, pid in enumerate(ids):
        save_annotation(
            target, pid, Annotation(status="minor issue", comment=crash_comment(tag, n))
        )
        sys.stdout.write(f"ack {n} {pid}\n")
        sys.stdout.flush()


def _bench(sizes: Sequence[int]) -> None:
    """Time parsing, encoding and autosaves of files of ``sizes`` pairs (prints a table)."""
    import tempfile
    import time

    from workbench import store
    from workbench.store import from_csv, to_csv

    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            review = big_review(n, project=f"bench{n}")
            path = store.save_review(review, root=Path(folder))
            data = path.read_bytes()
            t0 = time.perf_counter()
            from_csv(data)
            t1 = time.perf_counter()
            to_csv(review)
            t2 = time.perf_counter()
            ids = [p.pair_id for p in review.pairs]
            for pid in ids[:50]:
                store.save_annotation(path, pid, Annotation(status="ok"))
            t3 = time.perf_counter()
            for pid in ids[50:70]:
                store.files._CACHE.clear()  # as if another process had written the file
                store.save_annotation(path, pid, Annotation(status="ok"))
            t4 = time.perf_counter()
            print(
                f"{n} pairs ({len(data) / 1e6:.2f} MB): parse {(t1 - t0) * 1e3:.1f} ms, "
                f"encode {(t2 - t1) * 1e3:.1f} ms, autosave {(t3 - t2) / 50 * 1e3:.1f} ms "
                f"(this process wrote last), {(t4 - t3) / 20 * 1e3:.1f} ms (another did)"
            )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "crash-child":
        _crash_child(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2 and sys.argv[1] == "bench":
        _bench([int(n) for n in sys.argv[2:]] or [800, 3000])
    else:
        sys.exit("usage: store_helpers.py crash-child FILE TAG | bench [PAIRS ...]")
