"""Language selection: the remembered choice, else the browser's Accept-Language, else German.

Questionnaire texts are German with optional English; on an English page a text without
English is shown in German, and ``lang_attr`` marks it ``lang="de"`` so that screen readers
pronounce it as German (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from markupsafe import Markup

from zzcheck.extensions import babel
from zzcheck.questionnaire.model import Text


def select_locale() -> str:
    """The page language, worked out once per request (a result page asks dozens of times):
    kept on ``g`` with the two inputs it was made from, so a switch of the session's choice
    counts at once, and a ``g`` that outlives a request (tests) never answers for another."""
    inputs = (session.get("lang"), request.headers.get("Accept-Language"))
    cached: tuple[tuple[object, str | None], str] | None = g.get("zzcheck_locale")
    if cached is None or cached[0] != inputs:
        cached = (inputs, _negotiate(inputs[0]))
        g.zzcheck_locale = cached
    return cached[1]


def _negotiate(chosen: object) -> str:
    languages = current_app.config["LANGUAGES"]
    if chosen in languages:
        return str(chosen)
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def shown_lang(text: Text | None, lang: str) -> str:
    """The language ``text`` appears in on a ``lang`` page (``Text.get`` falls back to German)."""
    return "en" if lang == "en" and text is not None and text.en else "de"


def lang_attr(text: object) -> Markup:
    """`` lang="de"`` for a questionnaire ``Text`` (or a language code) that the page shows in
    another language than its own, else nothing (also for anything else, e.g. undefined)."""
    page = select_locale()
    if isinstance(text, Text):
        if not any(char.isalpha() for char in text.de):
            return Markup("")  # a symbol such as "%" belongs to no language
        shown = shown_lang(text, page)
    elif text in current_app.config["LANGUAGES"]:
        shown = str(text)
    else:
        return Markup("")
    return Markup(' lang="%s"') % shown if shown != page else Markup("")


def register_i18n(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path) + "/translations",
    )
    app.jinja_env.globals["current_lang"] = select_locale
    app.jinja_env.globals["lang_attr"] = lang_attr
