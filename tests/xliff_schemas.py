"""The OASIS XLIFF schemas (1.2 strict, 2.0 core) for validating what the export writes.

They are not on PyPI; Debian ships OASIS's files in the ``php-symfony-translation``
package (``/usr/share/php/Symfony/Component/Translation/Resources/schemas``), which
``scripts/test.sh`` installs as root. ``WORKBENCH_XLIFF_SCHEMAS`` names another folder
holding ``xliff-core-1.2-strict.xsd``, ``xliff-core-2.0.xsd`` and ``xml.xsd``.

Both schemas import the W3C ``xml.xsd`` (for ``xml:lang`` and ``xml:space``), 1.2 by its
web address; a resolver serves the copy beside them, so nothing is fetched.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from lxml import etree

DEBIAN_FOLDER = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
FILES = {"1.2": "xliff-core-1.2-strict.xsd", "2.0": "xliff-core-2.0.xsd"}


class SchemasMissing(RuntimeError):
    """The schema files are not on this machine."""


def folder() -> Path:
    """The folder holding the schemas; SchemasMissing when they are not there."""
    where = Path(os.environ.get("WORKBENCH_XLIFF_SCHEMAS") or DEBIAN_FOLDER)
    missing = [n for n in (*FILES.values(), "xml.xsd") if not (where / n).is_file()]
    if missing:
        raise SchemasMissing(
            f"{where} lacks {', '.join(missing)} (install Debian's 'php-symfony-translation' "
            "or set WORKBENCH_XLIFF_SCHEMAS)"
        )
    return where


class _LocalXmlSchema(etree.Resolver):
    """Serves the local ``xml.xsd`` for any import of it; refuses any other web address."""

    def __init__(self, xml_xsd: Path) -> None:
        super().__init__()
        self._xml_xsd = xml_xsd

    def resolve(self, system_url, public_id, context):  # noqa: ANN001 (lxml's signature)
        if system_url.endswith("/xml.xsd") or system_url == "xml.xsd":
            return self.resolve_filename(str(self._xml_xsd), context)
        if "://" in system_url:
            raise SchemasMissing(f"the schema imports {system_url}, which is not here")
        return None


@cache
def schema(version: str) -> etree.XMLSchema:
    """The XLIFF ``version`` ("1.2" or "2.0") schema, compiled once."""
    where = folder()
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlSchema(where / "xml.xsd"))
    return etree.XMLSchema(etree.parse(str(where / FILES[version]), parser))


def errors(data: bytes, *, version: str) -> list[str]:
    """Every schema violation in ``data`` as ``line N: message``; empty when it is valid."""
    validator = schema(version)
    if validator.validate(etree.fromstring(data).getroottree()):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]
