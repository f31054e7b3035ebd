"""``_()`` in templates (``translate.template_gettext``) behaves as Jinja's newstyle gettext:
the current language, values HTML-escaped, the text always %-formatted."""

from __future__ import annotations

from flask import Flask
from jinja2.ext import _make_new_gettext

from zzcheck.web.translate import translations

CASES = (
    '{{ _("Ihr Ergebnis") }}',
    '{{ _("%(n)s Antworten", n="<b>5</b>") }}',
    '{{ gettext("Weitere %(count)s Schritte anzeigen", count=3) }}',
    "{{ _('100 %%') }}",
    '{% autoescape false %}{{ _("%(n)s Antworten", n="<i>") }}{% endautoescape %}',
)


def render_all(app: Flask, lang: str) -> list[str]:
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        return [app.jinja_env.from_string(case).render() for case in CASES]


def test_texts_are_translated_escaped_and_formatted(app: Flask) -> None:
    assert render_all(app, "de") == [
        "Ihr Ergebnis",
        "&lt;b&gt;5&lt;/b&gt; Antworten",
        "Weitere 3 Schritte anzeigen",
        "100 %",
        "<i> Antworten",
    ]
    assert render_all(app, "en")[0] == "Your result"


def test_the_same_output_as_jinjas_newstyle_gettext(app: Flask) -> None:
    fast = {lang: render_all(app, lang) for lang in ("de", "en")}
    newstyle = _make_new_gettext(lambda text: translations().ugettext(text))
    app.jinja_env.globals.update({"_": newstyle, "gettext": newstyle})
    assert {lang: render_all(app, lang) for lang in ("de", "en")} == fast
