"""``python -m workbench.bench``: the alignment benchmark (see :mod:`workbench.bench.alignment`)."""

from workbench.bench.alignment import main

raise SystemExit(main())
