"""HTML -> plain text: block elements become paragraphs, headings ``#`` lines, markup gone."""

from __future__ import annotations

import re

#: Elements whose content is never text a reader sees.
_DROPPED = frozenset(
    "script style noscript template head title svg math iframe object embed canvas".split()  # noqa: SIM905
)
#: Elements that start and end a block (a paragraph of the output).
_BLOCKS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p
    pre section summary table tbody td tfoot th thead tr ul legend""".split()  # noqa: SIM905
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML file declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


class _Collector:
    """Gathers inline text into the current block; flushes blocks as paragraphs."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.parts: list[str] = []
        self.heading = 0

    def flush(self) -> None:
        lines = [" ".join(line.split()) for line in "".join(self.parts).split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            if self.heading:
                text = "#" * self.heading + " " + " ".join(text.split())
            self.blocks.append(text)
        self.parts = []


def html_to_text(markup: str) -> str:
    """Readable text of an HTML document, blocks separated by blank lines."""
    from bs4 import BeautifulSoup, NavigableString, Tag  # local import: bs4 is slow to import
    from bs4.element import PreformattedString

    soup = BeautifulSoup(markup, "lxml")
    out = _Collector()
    pre_depth = 0
    # Iterative walk (explicit stack): deeply nested pages must not hit the recursion limit.
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, PreformattedString):
                continue  # comments, doctype, CDATA, processing instructions
            text = str(node)
            out.parts.append(text if pre_depth else _HTML_SPACE.sub(" ", text))
            continue
        if not isinstance(node, Tag):
            continue
        tag = (node.name or "").lower()
        if leaving:
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCKS:
                out.flush()
                out.heading = 0
            continue
        if tag in _DROPPED:
            continue
        if tag == "br":
            out.parts.append("\n")
            continue
        if tag in _BLOCKS:
            out.flush()
            if tag in _HEADINGS:
                out.heading = _HEADINGS[tag]
        if tag == "pre":
            pre_depth += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    out.flush()
    return "\n\n".join(out.blocks)
