"""Sub-commands of the ``workbench`` CLI: each module has ``add_parser`` and ``run``."""
