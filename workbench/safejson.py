"""JSON from files we do not trust: bounded in size, depth and number length, no lone surrogates.

Python's ``json`` turns a 5,000-digit number into a ``ValueError`` deep inside ``int()``,
100,000 nested brackets into a ``RecursionError``, and ``"\\udfff"`` into a string no
encoder can write. :func:`loads` refuses all three up front with :class:`UnsafeJSON`,
whose message says what was wrong; callers turn it into their own typed error.
"""

from __future__ import annotations

import json
import re
from typing import Any

_NUMBER_DIGITS = 30
_SURROGATE = re.compile("[\ud800-\udfff]")


class UnsafeJSON(ValueError):
    """The text is not JSON we accept; the message says why."""


def _depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _number(text: str) -> float | int:
    if len(text.lstrip("-")) > _NUMBER_DIGITS:
        raise UnsafeJSON(
            f"a number is {len(text):,} characters long; at most {_NUMBER_DIGITS} are read"
        )
    return float(text) if any(c in text for c in ".eE") else int(text)


def _constant(name: str) -> float:
    raise UnsafeJSON(f"{name} is not a number JSON allows")


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise UnsafeJSON("a text holds a lone surrogate (\\ud800–\\udfff), not a character")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def loads(text: str, *, max_chars: int, max_depth: int) -> Any:
    """Parse ``text`` as JSON within the bounds; UnsafeJSON (a ValueError) otherwise."""
    if len(text) > max_chars:
        raise UnsafeJSON(f"it has {len(text):,} characters; at most {max_chars:,} are read")
    deepest = _depth(text)
    if deepest > max_depth:
        raise UnsafeJSON(f"it nests {deepest:,} levels deep; at most {max_depth} are read")
    try:
        value = json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise UnsafeJSON(f"it is not valid JSON ({exc.msg} at character {exc.pos})") from None
    _check_strings(value)
    return value
