"""Dates at the ends of the calendar are a 400 with a message on every date field, never a
500 (issue 13, point 7): ``/berater/?date_from=0001-01-01`` overflowed when it was turned into
a UTC time (Berlin's first day of year 1 starts in year 0 in UTC)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from centrehelp import SACHSEN, WERKSTATT, csrf_of, new_client, snapshot
from flask import Flask
from flask.testing import FlaskClient

QUESTIONNAIRES = WERKSTATT
OUT_OF_RANGE = ["0001-01-01", "01.01.0001", "9999-12-31", "31.12.9999", "1899-12-31", "3000-01-01"]
NOT_A_DATE = ["99999-01-01", "1.1.99999", "0000-01-01"]
RANGE_MESSAGE = "Bitte geben Sie ein Datum zwischen dem 1.1.1900 und dem 31.12.2999 ein."
FORMAT_MESSAGE = "Bitte geben Sie ein Datum wie 31.12.2026 ein."


@pytest.fixture
def consultant(
    app: Flask, create_user: Callable[..., object], login: Callable[..., object]
) -> FlaskClient:
    browser = app.test_client()
    browser.application.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 shows as a 500
    login(browser, create_user("consultant", centre=SACHSEN))
    return browser


@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_the_list_filters_refuse_days_out_of_range(consultant: FlaskClient, field: str) -> None:
    for value in OUT_OF_RANGE + NOT_A_DATE:
        response = consultant.get("/berater/", query_string={field: value})
        assert response.status_code == 400, value
        message = RANGE_MESSAGE if value in OUT_OF_RANGE else FORMAT_MESSAGE
        assert message in response.text, value
    for value in ("1900-01-01", "31.12.2999"):
        assert consultant.get("/berater/", query_string={field: value}).status_code == 200


def test_an_action_item_due_out_of_range_is_refused_and_nothing_saved(
    app: Flask, consultant: FlaskClient
) -> None:
    client_id = new_client(app, SACHSEN, "Glaserei Klar")
    url = f"/berater/kunden/{client_id}/massnahmen"
    token = csrf_of(consultant.get(f"/berater/kunden/{client_id}").text)
    before = snapshot(app)
    for value in OUT_OF_RANGE:
        data = {"csrf_token": token, "title": "Schulung", "due_on": value, "status": "open"}
        response = consultant.post(url, data=data)
        assert response.status_code == 400, value
        assert RANGE_MESSAGE in response.text
    assert snapshot(app) == before


def test_the_english_page_says_it_in_english(consultant: FlaskClient) -> None:
    response = consultant.get(
        "/berater/", query_string={"date_from": "0001-01-01"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "Please enter a date between 1 Jan 1900 and 31 Dec 2999." in response.text
