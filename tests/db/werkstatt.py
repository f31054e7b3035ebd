"""A small questionnaire of the storage tests' own (stable while the real ones are edited):
every question type, a required question, a condition, "weiß nicht" options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zzcheck.storage.models import Assessment

StartFactory = Callable[..., tuple[Assessment, str]]  # the ``start`` fixture

WERKSTATT = """\
id: werkstatt
version: "2.1"
title: {de: Werkstatt-Check, en: Workshop check}
description: {de: Ein kleiner Fragebogen für Speichertests., en: A small test questionnaire.}
employee_groups:
  - {id: leitung, label: {de: Geschäftsleitung, en: Management}}
  - {id: werkstatt, label: {de: Werkstatt, en: Shop floor}}
dimensions:
  - {id: strategie, title: {de: Strategie, en: Strategy}}
  - {id: daten, title: {de: Daten, en: Data}, weight: 2}
  - {id: kultur, title: {de: Kultur, en: Culture}}
levels:
  - {id: einsteiger, min: 0, name: {de: Einsteiger, en: Beginner}, description: {de: Am Anfang.}}
  - {id: anwender, min: 40, name: {de: Anwender, en: User}, description: {de: Im Alltag.}}
  - {id: vorreiter, min: 75, name: {de: Vorreiter, en: Pioneer}, description: {de: Weit vorn.}}
sections:
  - id: start
    title: {de: Einstieg, en: Start}
    questions:
      - id: ki_genutzt
        type: yesno
        required: true
        allow_unknown: true
        dimension: strategie
        text: {de: Nutzt Ihr Betrieb schon KI-Werkzeuge?, en: Does your company use AI tools?}
      - id: ziele
        type: single
        dimension: strategie
        show_if: {question: ki_genutzt, equals: "yes"}
        text: {de: Gibt es schriftliche Ziele für den KI-Einsatz?, en: Are there written AI goals?}
        options:
          - {id: keine, label: {de: Nein, en: No}, score: 0}
          - {id: muendlich, label: {de: Nur mündlich, en: Only spoken}, score: 1}
          - {id: schriftlich, label: {de: "Ja, schriftlich", en: "Yes, written"}, score: 2}
          - {id: weiss_nicht, label: {de: Weiß nicht, en: Don't know}, score: null}
      - id: verantwortung
        type: single
        dimension: strategie
        text: {de: Wer kümmert sich um das Thema KI?, en: Who takes care of AI?}
        options:
          - {id: niemand, label: {de: Niemand, en: Nobody}, score: 0}
          - {id: nebenbei, label: {de: Jemand nebenbei, en: Someone on the side}, score: 1}
          - {id: benannt, label: {de: Eine benannte Person, en: A named person}, score: 2}
      - id: budget
        type: scale
        dimension: strategie
        text: {de: Wie viel Zeit ist für KI-Versuche eingeplant?, en: Time planned for AI trials?}
        options:
          - {id: keine, label: {de: Keine, en: None}}
          - {id: wenig, label: {de: Wenig, en: Little}}
          - {id: etwas, label: {de: Etwas, en: Some}}
          - {id: viel, label: {de: Viel, en: Much}}
  - id: daten
    title: {de: Daten, en: Data}
    questions:
      - id: datenquellen
        type: multi
        dimension: daten
        text: {de: Welche Daten liegen digital vor?, en: Which data is digital?}
        options:
          - {id: auftraege, label: {de: Aufträge, en: Orders}, score: 1}
          - {id: lager, label: {de: Lagerbestand, en: Stock}, score: 1}
          - {id: zeiten, label: {de: Arbeitszeiten, en: Working hours}, score: 1}
          - {id: keine, label: {de: Keine davon, en: None of these}, score: 0, exclusive: true}
      - id: ordnung
        type: scale
        dimension: daten
        text: {de: Wie gut finden Beschäftigte die Daten?, en: How easily do staff find data?}
        options:
          - {id: nie, label: {de: Fast nie, en: Hardly ever}}
          - {id: manchmal, label: {de: Manchmal, en: Sometimes}}
          - {id: meist, label: {de: Meistens, en: Mostly}}
          - {id: immer, label: {de: Fast immer, en: Almost always}}
          - {id: weiss_nicht, label: {de: Weiß nicht, en: Don't know}, score: null}
      - id: anteil_digital
        type: number
        dimension: daten
        unit: "%"
        min: 0
        max: 100
        text: {de: Wie viel Prozent der Aufträge kommen digital an?, en: Share of digital orders?}
        score_bands:
          - {min: 0, score: 0}
          - {min: 25, score: 1}
          - {min: 75, score: 2}
      - id: sicherung
        type: yesno
        dimension: daten
        text: {de: Werden Daten täglich gesichert?, en: Is data backed up daily?}
  - id: kultur
    title: {de: Kultur, en: Culture}
    questions:
      - id: ideen
        type: single
        dimension: kultur
        text: {de: Wie oft bringen Beschäftigte Ideen ein?, en: How often do staff bring in ideas?}
        options:
          - {id: nie, label: {de: Nie, en: Never}, score: 0}
          - {id: selten, label: {de: Selten, en: Rarely}, score: 1}
          - {id: oft, label: {de: Oft, en: Often}, score: 2}
      - id: fehler
        type: scale
        dimension: kultur
        text: {de: Wie wird über Fehler gesprochen?, en: How are mistakes discussed?}
        options:
          - {id: gar_nicht, label: {de: Gar nicht, en: Not at all}}
          - {id: vorwurf, label: {de: Mit Vorwürfen, en: With blame}}
          - {id: offen, label: {de: Offen, en: Openly}}
      - id: sorge
        type: yesno
        dimension: kultur
        reverse: true
        allow_unknown: true
        text: {de: Gibt es nach Ihrem Eindruck Sorge um Arbeitsplätze?, en: Worries about jobs?}
      - id: schulungsbedarf
        type: multi
        need_topic: {de: KI-Grundkompetenz, en: AI literacy}
        text: {de: Welche Gruppen brauchen eine KI-Grundschulung?, en: Which groups need AI basics?}
      - id: anmerkung
        type: text
        text: {de: Was möchten Sie noch sagen?, en: Anything else?}
"""

PROFILE = {
    "industry": "C",
    "size": "10-49",
    "state": "DE-SN",
    "works_council": "no",
    "role": "owner",
}


def write_questionnaires(folder: Path, text: str = WERKSTATT) -> Path:
    """``werkstatt.yaml`` plus a second questionnaire ``kurz`` (same questions, other id)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "werkstatt.yaml").write_text(text, encoding="utf-8")
    (folder / "kurz.yaml").write_text(
        text.replace("id: werkstatt", "id: kurz", 1), encoding="utf-8"
    )
    return folder
