"""Language selection: the remembered choice, else the browser's Accept-Language, else German."""

from __future__ import annotations

from flask import Flask, current_app, request, session

from zzcheck.extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def register_i18n(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path) + "/translations",
    )
    app.jinja_env.globals["current_lang"] = select_locale
