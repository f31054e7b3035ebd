"""Cells for files that people open in a spreadsheet program (CSV and XLSX downloads).

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be run
as a formula by Excel or LibreOffice (CSV/formula injection, OWASP). Such text gets a
leading ``'``, which the spreadsheet shows as plain text. Numbers are left alone.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The value, with text that a spreadsheet would read as a formula defused."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
