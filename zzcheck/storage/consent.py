"""The consent text a respondent agrees to when sharing a result with a centre, versioned.

Not a gettext message on purpose: a share stores the version, the language and the SHA-256 of
the exact text shown, so the wording behind every consent can be proven later. Changing a
word means a new ``version`` (and a new entry here, old ones kept); a form posted with an
older version is refused, so nobody agrees to a text they did not see. The text names the
consent period (``ZZCHECK_RETENTION_SHARED_DAYS``, after which the purge ends a share), so
the stored hash covers the period the respondent was shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentText:
    version: str
    texts: Mapping[str, str]  # language → the text shown, with ``{days}`` for the period

    def text(self, lang: str, days: int) -> str:
        """The exact text shown in ``lang`` for a consent period of ``days``; German where
        no translation exists."""
        return (self.texts.get(lang) or self.texts["de"]).format(days=days)

    def lang_of(self, lang: str) -> str:
        """The language whose text is actually shown for ``lang``."""
        return lang if lang in self.texts else "de"

    def digest(self, lang: str, days: int) -> str:
        """SHA-256 (hex) of the exact text shown, stored with the share."""
        return hashlib.sha256(self.text(lang, days).encode("utf-8")).hexdigest()


CONSENT = ConsentText(
    version="2026-11-2",
    texts={
        "de": (
            "Ich bin damit einverstanden, dass das gewählte Zukunftszentrum das Ergebnis "
            "dieses Checks sieht: die Angaben zum Betrieb (Branche, Größe, Bundesland, "
            "Betriebsrat, Rolle), alle Antworten, die Punkte je Bereich und die nächsten "
            "Schritte – dazu Firmenname und Ansprechperson, wenn ich sie angebe. Das Zentrum "
            "nutzt diese Angaben nur, um meinen Betrieb zu beraten. Die Einwilligung gilt ab "
            "heute {days} Tage lang. Ich kann sie jederzeit vorher widerrufen: mit meinem "
            "persönlichen Link auf der Ergebnisseite unter „Ergebnis teilen oder Freigabe "
            "verwalten“, Schaltfläche „Freigabe widerrufen“. Nach dem Widerruf oder dem Ende "
            "der Frist sieht das Zentrum das Ergebnis nicht mehr, und Firmenname und "
            "Ansprechperson werden gelöscht."
        ),
        "en": (
            "I agree that the chosen Zukunftszentrum sees the result of this check: the "
            "company profile (industry, size, federal state, works council, role), all "
            "answers, the points per area and the next steps – and the company name and "
            "contact person if I give them. The centre uses this information only to advise "
            "my company. This consent holds for {days} days from today. I can withdraw it at "
            "any time before then: with my personal link, on the result page under “Share "
            "your result or manage sharing”, button “Withdraw sharing”. Once I withdraw it or "
            "the period ends, the centre no longer sees the result, and the company name and "
            "contact person are deleted."
        ),
    },
)

FIRST_VERSION = ConsentText(  # until 2026-11-22: did not name the period
    version="2026-11-1",
    texts={
        "de": (
            "Ich bin damit einverstanden, dass das gewählte Zukunftszentrum das Ergebnis "
            "dieses Checks sieht: die Angaben zum Betrieb (Branche, Größe, Bundesland, "
            "Betriebsrat, Rolle), alle Antworten, die Punkte je Bereich und die nächsten "
            "Schritte – dazu Firmenname und Ansprechperson, wenn ich sie angebe. Das Zentrum "
            "nutzt diese Angaben nur, um meinen Betrieb zu beraten. Ich kann diese Einwilligung "
            "jederzeit auf dieser Seite widerrufen; danach sieht das Zentrum das Ergebnis nicht "
            "mehr, und Firmenname und Ansprechperson werden gelöscht."
        ),
        "en": (
            "I agree that the chosen Zukunftszentrum sees the result of this check: the "
            "company profile (industry, size, federal state, works council, role), all "
            "answers, the points per area and the next steps – and the company name and "
            "contact person if I give them. The centre uses this information only to advise "
            "my company. I can withdraw this consent at any time on this page; the centre "
            "then no longer sees the result, and the company name and contact person are "
            "deleted."
        ),
    },
)

# Every version ever shown, to prove later what a stored ``consent_version`` and
# ``consent_hash`` stand for (``ConsentText.digest``); never remove one.
VERSIONS: Mapping[str, ConsentText] = {text.version: text for text in (FIRST_VERSION, CONSENT)}
