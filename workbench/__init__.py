"""workbench: align an original with its translation, highlight divergences, review and export."""

__version__ = "0.1.0"
