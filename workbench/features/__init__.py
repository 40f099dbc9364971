"""Features built on the pipeline: back-translation reconciliation and version comparison.

Each feature uses the stages below it (text, align, diff, review) and nothing of the
other feature; exports of a feature's own results live with it (``comparison_table``).
"""
