"""A date typed or picked in a form (the consultant's filters and plan, the owner's plan)."""

from __future__ import annotations

from typing import Any

from wtforms import DateField

from zzcheck.web.dates import EARLIEST, LATEST
from zzcheck.web.translate import _

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class LocalDateField(DateField):  # type: ignore[misc]  # WTForms is untyped
    """A date as ``2026-11-22`` (date picker) or ``22.11.2026`` (typed), from 1900 to 2999,
    with a clear message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, format=DATE_FORMATS, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_("Bitte geben Sie ein Datum wie 31.12.2026 ein.")) from None
        if self.data is not None and not EARLIEST <= self.data <= LATEST:
            self.data = None
            raise ValueError(
                _("Bitte geben Sie ein Datum zwischen dem 1.1.1900 und dem 31.12.2999 ein.")
            )
