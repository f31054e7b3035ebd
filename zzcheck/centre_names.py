"""A centre's name inside a German sentence, with the right article and case.

Every centre's name is a neuter noun phrase ("Zukunftszentrum Thüringen"), so by default the
article is "das" (nominative, accusative) and "dem" (dative); "bei dem" contracts to "beim".
A name that declines ("Regionales Zukunftszentrum Nord" → "das Regionale …", "dem
Regionalen …") gives its three forms in ``_centres.yaml`` under ``forms``. English takes "the"
and the English name. Plain Python: no Flask.
"""

from __future__ import annotations

from typing import Literal

from zzcheck.centres import Centre

Case = Literal["nominative", "accusative", "dative"]
_DEFAULT_ARTICLE = {"nominative": "das", "accusative": "das", "dative": "dem"}


def with_article(centre: Centre, lang: str, case: Case) -> str:
    """``das Zukunftszentrum Thüringen`` / ``dem Regionalen Zukunftszentrum Nord`` / ``the …``."""
    if lang != "de":
        return f"the {centre.name.get(lang)}"
    if centre.forms is not None:
        return str(getattr(centre.forms, case))
    return f"{_DEFAULT_ARTICLE[case]} {centre.name.get('de')}"


def at_centre(centre: Centre, lang: str) -> str:
    """``beim Zukunftszentrum Thüringen`` / ``at the Zukunftszentrum Thuringia``."""
    dative = with_article(centre, lang, "dative")
    if lang != "de":
        return f"at {dative}"
    if dative.startswith("dem "):
        return "beim " + dative[4:]
    return "bei " + dative
