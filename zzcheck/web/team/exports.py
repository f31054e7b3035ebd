"""The qualification needs of a campaign as a file the company can bring to its works council
(§96 BetrVG): CSV (``;``, UTF-8 with BOM, like the other downloads) and XLSX (openpyxl).

The same table as the page (from the results stored at closing) and nothing more: one row per topic and named group, one column
per shown respondent group (percent of that group's answers naming it). No row describes a
person. Every text cell is defused against formula injection (``zzcheck.spreadsheet``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook

from zzcheck.spreadsheet import neutralise
from zzcheck.storage.team_models import Campaign
from zzcheck.web.dates import local_date
from zzcheck.web.team.results_page import NeedsView, PartView
from zzcheck.web.translate import _


def header(needs: NeedsView) -> list[str]:
    columns = [_("%(group)s (n = %(n)s), %%", group=label, n=n) for label, n in needs.columns]
    return [_("Thema"), _("Für die Gruppe"), *columns]


def body(needs: NeedsView) -> Iterator[list[object]]:
    for topic, target, shares in needs.rows:
        yield [topic, target, *shares]


def needs_csv(part: PartView, lang: str) -> str:
    assert part.needs is not None
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(text) for text in header(part.needs)])
    writer.writerows([neutralise(cell) for cell in row] for row in body(part.needs))
    return "\ufeff" + buffer.getvalue()


def needs_xlsx(part: PartView, campaign: Campaign, lang: str) -> bytes:
    """A sheet with the table and one that says what it is and how it was made."""
    assert part.needs is not None
    book = Workbook(write_only=True)
    data = book.create_sheet(_("Bedarf"))
    data.append([neutralise(text) for text in header(part.needs)])
    for row in body(part.needs):
        data.append([neutralise(cell) for cell in row])
    info = book.create_sheet(_("Info"))
    for line in _about(part, campaign):
        info.append([neutralise(text) for text in line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(part: PartView, campaign: Campaign) -> list[tuple[str, str]]:
    assert part.results is not None  # downloads exist only for a closed campaign
    return [
        (_("Fragebogen"), part.title),
        (
            _("Befragung"),
            _(
                "%(start)s bis %(end)s",
                start=local_date(campaign.created_at),
                end=local_date(campaign.end()),
            ),
        ),
        (_("Abgeschlossene Antworten"), str(part.count.completed)),
        (_("Kleinste gezeigte Gruppe"), str(part.results.k)),
        (
            _("Hinweis"),
            _(
                "Anteil der Antworten einer Gruppe, die das Thema für die genannte "
                "Beschäftigtengruppe nennen, in Prozent. Gruppen mit weniger Antworten als "
                "angegeben werden nicht gezeigt. Die Tabelle kann die Ermittlung des "
                "Qualifizierungsbedarfs mit dem Betriebsrat unterstützen (§ 96 BetrVG)."
            ),
        ),
    ]
