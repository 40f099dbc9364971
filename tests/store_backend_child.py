"""A writer process for the store test-suite: ``python store_backend_child.py SPEC NAME TAG MODE``.

SPEC is a folder (the CSV store) or a postgresql:// URL. MODE ``own``: annotate every
pair of review NAME in turn, each save stating its base version, and print
``ack N PAIR`` after each save returned (the SIGKILL test kills it meanwhile). MODE
``slice:K:COUNT``: annotate pairs K*COUNT … K*COUNT+COUNT-1 (the processes test).
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.model import Annotation
from workbench.store.csv_store import CsvStore
from workbench.store.history import version_of
from workbench.store.select import is_postgres, open_store


def main(spec: str, name: str, tag: str, mode: str) -> None:
    """Write the annotations ``mode`` asks for, acknowledging each."""
    store = open_store(spec) if is_postgres(spec) else CsvStore(root=Path(spec))
    review = store.open_review(name)
    ids = [p.pair_id for p in review.pairs]
    if mode.startswith("slice:"):
        _, k, count = mode.split(":")
        ids = ids[int(k) * int(count) : (int(k) + 1) * int(count)]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for n, pid in enumerate(ids):
        base = version_of(review.by_id(pid).annotation)
        ann = Annotation(status="minor issue", comment=f"{tag} write {n}", reviewer=tag)
        store.save_annotations(name, {pid: ann}, bases={pid: base})
        sys.stdout.write(f"ack {n} {pid}\n")
        sys.stdout.flush()
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
