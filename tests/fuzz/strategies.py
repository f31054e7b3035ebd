"""Hypothesis strategies for hostile input: values (empty, up to 1 MB, NUL bytes,
right-to-left overrides, emoji, digits that are no ASCII digits, numbers out of any range,
invalid UTF-8) and whole request bodies (the form's own fields with good or bad values,
unknown and repeated keys, six ways of sending, with a valid CSRF token or without).

Values are bytes, so a body can hold what no browser would send (lone surrogates, ``\\xff``);
``Body.request`` turns a drawn body into the keyword arguments of the Flask test client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

MAX_CONTENT_LENGTH = 1024 * 1024
RTL = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "\u202egpj.exe" reads as "exe.jpg"
NASTY_TEXT = (
    "",
    " ",
    "\x00",
    "Betrieb\x00GmbH",
    RTL + "gpj.exe",
    "\u200f\u061c\u2066x\u2069",
    "😀👩‍🔧🇩🇪",
    "\ufeff\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE share; --",
    "../../../etc/passwd",
    "%00%ff",
    "\r\n\t",
    "²",  # str.isdigit() is true, int() fails
    "١٢٣",  # Arabic-Indic digits: int() reads them
    "𝟗",  # MATHEMATICAL BOLD DIGIT NINE
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "-inf",
    "0x10",
    " 12 ",
    "1,5",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 400,
    "2026-02-30",
    "31.12.9999",
    "0001-01-01",
    "99999-01-01",
)
INVALID_UTF8 = (
    b"\xff",
    b"\xc0\x80",  # an overlong NUL
    b"\xed\xa0\x80",  # a lone surrogate (U+D800) as UTF-8 would spell it
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"caf\xe9",  # Latin-1
)
# Long values: a form field of the upper end is refused by Flask's form-size limits (413).
# A query string stays below 8 KB: servers refuse longer request lines (gunicorn: 4 KB).
LONG_LENGTHS = (255, 256, 1001, 8001, 100_001, 499_000, MAX_CONTENT_LENGTH - 500)
QUERY_LENGTH = 8192
LONG_UNITS = ("a", "\x00", "😀", RTL, "9", "<")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def values(longest: int = MAX_CONTENT_LENGTH) -> st.SearchStrategy[bytes]:
    """One hostile value of a form field or query parameter, at most ``longest`` characters."""
    lengths = [n for n in LONG_LENGTHS if n <= longest]
    return st.one_of(
        st.sampled_from(NASTY_TEXT).map(_encode),
        st.sampled_from(NASTY_TEXT).map(_encode),  # twice: the known troublemakers first
        st.text(max_size=40).map(_encode),  # any code point but surrogates (bytes below)
        st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: str(n).encode()),
        st.sampled_from(INVALID_UTF8),
        st.binary(max_size=24),
        st.builds(
            lambda unit, n: _encode(unit * n), st.sampled_from(LONG_UNITS), st.sampled_from(lengths)
        ),
    )


def keys() -> st.SearchStrategy[bytes]:
    """An unknown field name (or a near miss of a real one)."""
    return st.one_of(
        st.sampled_from([b"q_unbekannt", b"csrf_token", b"action", b"q_", b"", b"\x00", b"page"]),
        st.text(min_size=1, max_size=12).map(_encode),
    )


# Mostly what a browser sends (the rest is refused early, and cheaply).
CONTENT_TYPES = (
    "urlencoded",
    "urlencoded",
    "urlencoded",
    "multipart",
    "raw",
    "json",
    "text",
    "none",
)
CSRF = ("valid", "valid", "valid", "header", "missing", "wrong")


@dataclass(frozen=True)
class Body:
    """A request body as drawn: ordered pairs (keys may repeat), how it is sent, the token."""

    pairs: tuple[tuple[bytes, bytes], ...]
    content_type: str
    csrf: str

    def request(self, token: str) -> dict[str, Any]:
        """Keyword arguments for ``client.post`` (or ``client.open``)."""
        pairs = list(self.pairs)
        headers = {"X-CSRFToken": token} if self.csrf == "header" else {}
        if self.csrf in ("valid", "wrong"):
            value = token if self.csrf == "valid" else token[::-1] + "x"
            pairs.insert(0, (b"csrf_token", value.encode()))
        return {"headers": headers, **_encoded(pairs, self.content_type)}


def _encoded(pairs: list[tuple[bytes, bytes]], content_type: str) -> dict[str, Any]:
    if content_type == "multipart":
        # encoded here: the test client spools a large multipart body to a file it never closes
        fields = MultiDict(
            [(k.decode("utf-8", "replace"), v.decode("utf-8", "replace")) for k, v in pairs]
        )
        boundary, data = encode_multipart(fields)
        return {"data": data, "content_type": f"multipart/form-data; boundary={boundary}"}
    if content_type == "json":
        document = {k.decode("utf-8", "replace"): v.decode("utf-8", "replace") for k, v in pairs}
        return {"data": json.dumps(document), "content_type": "application/json"}
    if content_type == "raw":  # bytes as they are, not percent-encoded
        return {"data": b"&".join(k + b"=" + v for k, v in pairs), "content_type": _FORM}
    if content_type == "text":
        return {"data": b"\n".join(k + b"=" + v for k, v in pairs), "content_type": "text/plain"}
    body = encode_pairs(pairs)
    return {"data": body, "content_type": _FORM if content_type == "urlencoded" else None}


_FORM = "application/x-www-form-urlencoded"


def encode_pairs(pairs: Sequence[tuple[bytes, bytes]]) -> bytes:
    """``a=1&a=2`` with every byte percent-encoded as needed (invalid UTF-8 stays invalid)."""
    return "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in pairs).encode()


def pairs_for(
    fields: Mapping[str, Sequence[str]], longest: int = MAX_CONTENT_LENGTH
) -> st.SearchStrategy[tuple[tuple[bytes, bytes], ...]]:
    """Name–value pairs for a form with ``fields`` (name → values it offers), in drawn order."""
    return (
        (_one_hostile(fields, longest) | _mixed(fields, longest))
        .flatmap(st.permutations)
        .map(tuple)
    )


@st.composite
def _one_hostile(
    draw: st.DrawFn, fields: Mapping[str, Sequence[str]], longest: int
) -> list[tuple[bytes, bytes]]:
    """Every field a value the form offers, one field (or an unknown key) a hostile value:
    the hostile value gets past the checks of the other fields into the view."""
    pairs = [(_encode(name), draw(_offered(offered))) for name, offered in fields.items()]
    names = st.sampled_from(sorted(fields)).map(_encode) | keys() if fields else keys()
    name = draw(names)
    hostile = draw(st.lists(values(longest), min_size=1, max_size=2))
    return [pair for pair in pairs if pair[0] != name] + [(name, value) for value in hostile]


@st.composite
def _mixed(
    draw: st.DrawFn, fields: Mapping[str, Sequence[str]], longest: int
) -> list[tuple[bytes, bytes]]:
    """Each field left out, offered or hostile, once or repeated; up to three unknown keys."""
    pairs = []
    for name, offered in fields.items():
        for value in draw(st.lists(_offered(offered) | values(longest), max_size=3)):
            pairs.append((_encode(name), value))
    return pairs + draw(st.lists(st.tuples(keys(), values(longest)), max_size=3))


def _offered(offered: Sequence[str]) -> st.SearchStrategy[bytes]:
    return st.sampled_from(list(offered) or [""]).map(_encode)


@st.composite
def bodies(draw: st.DrawFn, fields: Mapping[str, Sequence[str]]) -> Body:
    """A whole POST body for a form with ``fields`` (name → values the form offers)."""
    return Body(
        pairs=draw(pairs_for(fields)),
        content_type=draw(st.sampled_from(CONTENT_TYPES)),
        csrf=draw(st.sampled_from(CSRF)),
    )


@st.composite
def queries(draw: st.DrawFn, fields: Mapping[str, Sequence[str]]) -> str:
    """A query string (without ``?``) for a page whose filters are ``fields``."""
    return encode_pairs(draw(pairs_for(fields, QUERY_LENGTH))).decode("ascii")
