"""Text from articles and file names made safe to show on a terminal or in a page.

An article or a file name is data, never instructions to the screen that shows it: an
escape sequence (`ESC [ 2 J` clears a terminal, `ESC ] 8` makes a hyperlink, a C1 `CSI`
does the same on 8-bit terminals), a carriage return that overwrites what was printed, or
a bidirectional override (U+202E turns "gpj.exe" into "exe.jpg", "Trojan Source") would
otherwise be obeyed. `visible` replaces each such character with its escape, written as
Python writes it (`\\x1b`, `\\r`, `\\u202e`), so that it is shown, not obeyed. Text without
them comes back unchanged; nothing else is touched (accents, right-to-left letters,
emoji and their joiners are text).
"""

from __future__ import annotations

from functools import cache

NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Bidirectional formatting characters: embeddings, overrides, isolates and marks (Unicode
# bidi class LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM).
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Line and paragraph separators break a line on some terminals and in JavaScript strings.
SEPARATORS = (0x2028, 0x2029)


@cache
def _table(keep: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0x20), *range(0x7F, 0xA0)):  # C0, DEL and C1 controls
        table[code] = NAMED.get(chr(code), f"\\x{code:02x}")
    for code in (*BIDI_CONTROLS, *SEPARATORS, *range(0xD800, 0xE000)):  # and lone surrogates
        table[code] = f"\\u{code:04x}"
    for char in keep:
        table.pop(ord(char), None)
    return table


def visible(text: str, *, keep: str = "\t") -> str:
    """`text` with every control, bidirectional formatting character and lone surrogate
    replaced by its visible escape; the characters of `keep` (tab by default; a table
    cell or a page keeps "\\t\\n") are left as they are."""
    return text.translate(_table(keep))


@cache
def _json_table() -> dict[int, str]:
    # JSON escapes C0 controls itself; the rest are written as the \uXXXX escapes that
    # decode to the very same characters, so the data is unchanged.
    return {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *BIDI_CONTROLS, *SEPARATORS, *range(0xD800, 0xE000))}


def json_escaped(json_text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with its C1 controls,
    bidirectional characters, separators and lone surrogates written as `\\uXXXX`: the
    same data, but nothing a terminal would obey or an encoder refuse."""
    return json_text.translate(_json_table())
