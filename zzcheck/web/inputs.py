"""Checks on request input that hold for every route, before any view sees it.

- ``<int:…>`` in a URL matches only ASCII digits up to the largest id a table can hold
  (PostgreSQL ``integer``), so ``/berater/kunden/99999999999999999999`` is a 404 rather than
  an overflow in the database driver (found by ``tests/fuzz``).
- A NUL character (U+0000) in a query or form value or name ends the request with 400 and a
  clear message: PostgreSQL cannot store it in text, and no one types it (found by
  ``tests/fuzz``: a note, a client's name, a filter). So does a form field without a name.
  Other text is left to the forms.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.routing import IntegerConverter, Map

from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``, the type of every id column


class IdConverter(IntegerConverter):
    """``int`` as the app's routes use it: ``0`` … ``MAX_ID`` in ASCII digits."""

    regex = r"[0-9]+"

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def refuse_bad_fields() -> tuple[str, int] | None:
    """``before_request``: 400 if a query or form field holds U+0000 (in name or value), or
    has no name at all (a multipart part ``name="\n"`` reaches Flask as the key None)."""
    pairs = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if any(not isinstance(name, str) for name, _value in pairs):
        return error_page(400, _("Die Anfrage war unvollständig oder fehlerhaft."))
    if any("\x00" in name or "\x00" in value for name, value in pairs):
        message = _(
            "Die Eingabe enthält ein unzulässiges Steuerzeichen (NUL). Bitte entfernen Sie "
            "es und senden Sie das Formular noch einmal."
        )
        return error_page(400, message)
    return None


def register_input_checks(app: Flask) -> None:
    """Call before the blueprints are registered: their rules take the converter then."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_bad_fields)
