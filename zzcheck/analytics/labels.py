"""Readable names for aggregate keys, their values and the statistics (German and English).

Used by the exports, which run outside a request (CLI), so the texts are pairs here like the
profile labels in ``zzcheck.questionnaire.profile``; the pages translate their own texts.
"""

from __future__ import annotations

from collections.abc import Mapping

from zzcheck.analytics.keys import NOT_GIVEN
from zzcheck.analytics.privacy import ALL
from zzcheck.questionnaire.profile import PROFILE_FIELDS, label

Pair = tuple[str, str]  # (German, English)

KEY_TITLES: Mapping[str, Pair] = {
    "state": ("Bundesland", "Federal state"),
    "centre": ("Zukunftszentrum", "Centre"),
    "industry": ("Branche (WZ-Abschnitt)", "Industry (NACE section)"),
    "size": ("Beschäftigte", "Employees"),
    "works_council": ("Betriebsrat", "Works council"),
    "month": ("Monat", "Month"),
    "quarter": ("Quartal", "Quarter"),
    "year": ("Jahr", "Year"),
}
STAT_TITLES: Mapping[str, Pair] = {
    "mean": ("Mittelwert", "mean"),
    "median": ("Median", "median"),
    "q1": ("1. Quartil", "1st quartile"),
    "q3": ("3. Quartil", "3rd quartile"),
    "p10": ("10. Perzentil", "10th percentile"),
    "p90": ("90. Perzentil", "90th percentile"),
}
WORDS: Mapping[str, Pair] = {
    "all": ("Insgesamt", "Total"),
    "not_given": ("keine Angabe", "not given"),
    "overall": ("Gesamtergebnis", "Overall score"),
    "questionnaire": ("Fragebogen", "Questionnaire"),
    "versions": ("Versionen", "Versions"),
}


def pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def key_title(key: str, lang: str = "de") -> str:
    return pick(KEY_TITLES[key], lang)


def word(name: str, lang: str = "de") -> str:
    return pick(WORDS[name], lang)


def value_label(
    key: str, value: str, lang: str = "de", centres: Mapping[str, str] | None = None
) -> str:
    """The label of a key's value: profile labels, centre names (``centres``: id → name),
    periods as written; "Insgesamt" for ALL, "keine Angabe" for a value not given."""
    if value == ALL:
        return word("all", lang)
    if value == NOT_GIVEN:
        return word("not_given", lang)
    if key in PROFILE_FIELDS:
        return label(key, value, lang)
    if key == "centre" and centres:
        return centres.get(value, value)
    return value
