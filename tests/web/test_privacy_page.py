"""The privacy page ``/datenschutz``: linked from every page's footer and from the start
page's privacy paragraph; says what is stored, why, how long (the configured periods), who
sees it (k from the configuration), how to download and delete, that there is no tracking;
names the operator only when ``ZZCHECK_OPERATOR`` is set; German and English."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import WERKSTATT
from webpage import parse

QUESTIONNAIRES = WERKSTATT


def text_of(client: FlaskClient, url: str = "/datenschutz", lang: str = "de") -> str:
    response = client.get(url, headers={"Accept-Language": lang})
    assert response.status_code == 200, url
    main = parse(response.data).find("main")
    assert main is not None
    return main.text


def test_the_page_says_what_why_how_long_and_who(client: FlaskClient) -> None:
    text = text_of(client)
    for fact in (
        "Branche, Größenklasse, Bundesland",
        "Ihre IP-Adresse speichert der Check nicht.",
        "Gruppen aus mindestens 5 Betrieben",  # k
        "wird 90 Tage nach dem letzten Speichern gelöscht",
        "wird 730 Tage nach dem Abschluss gelöscht",
        "endet spätestens 730 Tage nach Ihrer Einwilligung",
        "nur, nachdem Sie Ihr Ergebnis ausdrücklich mit ihm geteilt haben",
        "(PDF, JSON oder CSV)",
        "kein Tracking",
        "setzt ein Cookie, das Sitzungs-Cookie",
    ):
        assert fact in text, fact
    assert "Bis dahin hilft Ihnen das Zukunftszentrum weiter" in text  # no operator configured


def test_team_mode_is_described_with_its_thresholds_and_periods(
    app: Flask, client: FlaskClient
) -> None:
    app.config.update(ZZCHECK_RETENTION_UNFINISHED_DAYS=45, ZZCHECK_RETENTION_COMPLETED_DAYS=400)
    page = parse(client.get("/datenschutz").data)
    team = page.by_id("team").parent
    text = " ".join(team.text.split())
    for fact in (
        "Gespeichert werden Ihre Rolle, auf Wunsch Ihr Arbeitsbereich, Ihre Antworten",
        "eine Prüfsumme einer Zufallskennung, die ein Cookie in Ihrem Browser trägt",
        "Nicht gespeichert werden Ihr Name, Freitext, Ihre IP-Adresse und Angaben zu Ihrem "
        "Browser oder Gerät",
        "erst ab 5 abgeschlossenen Antworten",  # team.groups.MIN_ANSWERS
        "nie kleiner als 3 Personen",  # team.groups.MIN_GROUP_SIZE
        "Sie wird 45 Tage nach dem letzten Speichern gelöscht",
        "Abgeschlossene Antworten werden 400 Tage nach dem Abschluss gelöscht",
    ):
        assert fact in text, fact
    for fact in (  # what the owner can and cannot learn, and what no software prevents
        "Ergebnisse gibt es erst nach dem Ende der Befragung",
        "sieht man nur, wie viele Antworten eingegangen sind",
        "keine Summe oder Gesamtspalte verrät sie",
        "nie, welche Antwort er begonnen hat",
        "Die Codes verteilt der Betriebsrat oder die Beratung als Vertrauensperson",
        "Was keine Software verhindern kann",
    ):
        assert fact in text, fact
    cookies = " ".join(page.by_id("cookies").parent.text.split())
    assert "ein zweites Cookie" in cookies and "einen Monat nach ihrem geplanten Ende" in cookies
    english = text_of(client, lang="en")
    assert "never smaller than 3 people" in english
    assert "It is deleted 45 days after it was last saved" in english


def test_configured_periods_k_and_operator_are_shown(app: Flask, client: FlaskClient) -> None:
    app.config.update(
        ZZCHECK_RETENTION_UNFINISHED_DAYS=30,
        ZZCHECK_RETENTION_COMPLETED_DAYS=365,
        ZZCHECK_RETENTION_SHARED_DAYS=540,
        ZZCHECK_MIN_GROUP_SIZE=7,
        ZZCHECK_OPERATOR="Zukunftszentrum Musterland <datenschutz@example.org>",
    )
    text = text_of(client)
    assert "wird 30 Tage nach dem letzten Speichern" in text
    assert "wird 365 Tage nach dem Abschluss" in text and "spätestens 540 Tage" in text
    assert "Gruppen aus mindestens 7 Betrieben" in text
    assert "Durchschnittswerte ab 7 Betrieben, Median und Quartile erst ab 21 Betrieben" in text
    assert "Gezeigt wird eine Gruppe erst ab 14 Betrieben" in text  # peers: 2·k above 10
    assert "Zukunftszentrum Musterland <datenschutz@example.org>" in text
    assert "Bis dahin hilft Ihnen" not in text
    html = client.get("/datenschutz").get_data(as_text=True)
    assert "&lt;datenschutz@example.org&gt;" in html  # configuration is text, too


def test_the_page_says_how_comparisons_resist_fake_checks(client: FlaskClient) -> None:
    text = " ".join(text_of(client).split())
    for fact in (
        "einmal am Tag berechnet, aus Checks, die mehr als einen Tag vorher abgeschlossen wurden",
        "Gezeigt wird eine Gruppe erst ab 10 Betrieben",  # analytics.peers.MIN_PEERS
        "auf 5 Punkte gerundet, zufällig auf- oder abgerundet",
        "kleinste und größte Werte nie",
    ):
        assert fact in text, fact
    english = " ".join(text_of(client, lang="en").split())
    assert "only from 10 companies" in english and "smallest and largest values never" in english


def test_the_page_in_english(client: FlaskClient) -> None:
    text = text_of(client, lang="en")
    assert "The check does not store your IP address." in text
    assert "deleted 90 days after it was last saved" in text
    assert "Privacy" in text and "IP-Adresse" not in text


def test_linked_from_the_footer_and_the_start_page(client: FlaskClient) -> None:
    start = parse(client.get("/").data)
    footer_links = [a.get("href") for a in start.find("footer").find_all("a")]
    assert "/datenschutz" in footer_links
    privacy = start.by_id("datenschutz").parent
    assert "/datenschutz" in [a.get("href") for a in privacy.find_all("a")]
    for url in ("/login", "/werkstatt/start", "/gibt-es-nicht"):
        page = parse(client.get(url).data)
        assert "/datenschutz" in [a.get("href") for a in page.find("footer").find_all("a")], url
