"""``_()`` for the web layer, and a faster ``gettext`` for templates.

Flask-Babel looks its translations up again on every call (context and domain lookups),
which made the ~60 texts of the result page cost about 40 % of its rendering time. Here the
translations are looked up once per request and kept on the request object (as Flask-WTF
does for its own messages). ``_()`` is typed as ``str`` (Flask-Babel is untyped); Babel's
extraction (``babel.cfg``) finds the ``_()`` calls as usual.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask import Flask, has_request_context, request
from flask_babel import get_translations
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup


def translations() -> NullTranslations:
    """The current language's catalogue, looked up once per request."""
    if not has_request_context():
        return get_translations()  # type: ignore[no-any-return]
    cached: NullTranslations | None = getattr(request, "zzcheck_translations", None)
    if cached is None:
        cached = get_translations()
        request.zzcheck_translations = cached  # type: ignore[attr-defined]
    return cached


def _(text: str, **values: Any) -> str:
    translated = translations().ugettext(text)
    return translated % values if values else translated


def install_template_gettext(app: Flask) -> None:
    """Templates use the per-request catalogue too (same newstyle gettext as Flask-Babel)."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda text: translations().ugettext(text),
        ngettext=lambda one, many, n: translations().ungettext(one, many, n),
        newstyle=True,
        pgettext=lambda context, text: translations().upgettext(context, text),
        npgettext=lambda context, one, many, n: translations().unpgettext(context, one, many, n),
    )
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"] = template_gettext


@pass_eval_context
def template_gettext(eval_ctx: EvalContext, text: str, **values: Any) -> str:
    """``_()`` in templates: what Jinja's newstyle gettext does (escape the values, always
    %-format), without the three context lookups around it (a result page has ~60 texts)."""
    translated = translations().ugettext(text)
    return (Markup(translated) if eval_ctx.autoescape else translated) % values
