"""Axis labels of the server-drawn radar: titles wrapped to a few characters a line, long
German compounds hyphenated where the dictionary allows, and the "(too few answers)" note
of a gap axis."""

from __future__ import annotations

import textwrap

from zzcheck.charts import hyphenator


def label_lines(
    title: str, note: str | None, chars: int, hyphenation: str
) -> list[tuple[str, bool]]:
    """(line, is_note) pairs: the wrapped title, then "(note)" where the axis is a gap."""
    lines = [(line, False) for line in wrap_label(title, chars, hyphenation)]
    if note:
        lines += [(line, True) for line in textwrap.wrap(f"({note})", chars)]
    return lines


def wrap_label(text: str, chars: int, hyphenation: str = "de_DE") -> list[str]:
    """Lines of at most ``chars`` characters; a longer word (a German compound such as
    "Veränderungsbereitschaft") is hyphenated where the dictionary allows."""
    words: list[str] = []
    for word in text.split():
        while len(word) > chars and word.isalpha() and (cut := _cut(word, chars, hyphenation)):
            words.append(word[:cut] + "-")
            word = word[cut:]
        words.append(word)
    return textwrap.wrap(" ".join(words), chars, break_long_words=False) or [text]


def _cut(word: str, chars: int, hyphenation: str) -> int:
    """Where to hyphenate: after a joining "s" (Veränderungs-bereitschaft) if that leaves a
    fair first part, else as late as fits; 0 if the dictionary knows no place."""
    fits = [c for c in hyphenator(hyphenation).positions(word) if c + 1 <= chars]
    return min(fits, key=lambda c: (not (word[c - 1] == "s" and 2 * c >= chars), -c), default=0)
