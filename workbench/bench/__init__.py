"""Benchmarks and the test-data generators they use: run with ``python -m workbench.bench``.

Nothing in the library imports this package (a test guards it): it measures the
library from outside, as a user's script would.
"""
