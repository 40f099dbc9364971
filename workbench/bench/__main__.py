"""``python -m workbench.bench``: the alignment benchmark (see :mod:`workbench.bench.alignment`),
or with ``--detection`` the detection benchmark (:mod:`workbench.bench.detection`) and with
``--checks`` the cross-language checks benchmark (:mod:`workbench.bench.checks`) and with
``--speed`` the engine speed benchmark (:mod:`workbench.bench.speed`) and with ``--latency``
the review-loop latency in a browser (:mod:`workbench.bench.latency`) and with ``--pdf``
reading a 300-page PDF (:mod:`workbench.bench.pdf`)."""

import sys

if "--detection" in sys.argv[1:]:
    from workbench.bench.detection import main
elif "--checks" in sys.argv[1:]:
    from workbench.bench.checks import main
elif "--speed" in sys.argv[1:]:
    from workbench.bench.speed import main
elif "--latency" in sys.argv[1:]:
    from workbench.bench.latency import main
elif "--pdf" in sys.argv[1:]:
    from workbench.bench.pdf import main
else:
    from workbench.bench.alignment import main

raise SystemExit(main())
