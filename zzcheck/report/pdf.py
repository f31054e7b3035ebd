"""The PDF of a report: ``templates/report/result.html`` rendered by WeasyPrint, offline.

The HTML is print-oriented (A4, page numbers, fonts Debian ships) and carries the radar as
inline SVG, so it needs no other file. The url_fetcher refuses everything but ``data:``
URLs and files under the static folder: a report never waits for or leaks to the network,
whatever a questionnaire's text contains. Needs an app context (templates, translations).
WeasyPrint is imported on first use (about 0.3 s): the app starts, and serves every other
page, even where its system libraries (Pango) are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from markupsafe import Markup

from zzcheck.report.content import Report, report_context

Fetcher = Callable[[str], dict[str, Any]]
_CSS_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("<"): "\\3c ", ord("\n"): "\\a "}


class RemoteResourceRefused(ValueError):
    """A report asked for something that is not a local file or a ``data:`` URL."""


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4), in ``report.lang``."""
    return html_to_pdf(report_html(report), _static_folder())


def report_html(report: Report) -> str:
    """The report's HTML in its own language, whatever the request's language is."""
    return page_html("report/result.html", report.lang, report_context(report))


def page_pdf(template: str, lang: str, context: Mapping[str, Any]) -> bytes:
    """Another printed page (e.g. ``report/team.html``) as PDF bytes, in ``lang``."""
    return html_to_pdf(page_html(template, lang, context), _static_folder())


def page_html(template: str, lang: str, context: Mapping[str, Any]) -> str:
    """A template under ``templates/report/`` in ``lang``, with the translated page footer."""
    with force_locale(lang):
        return render_template(template, lang=lang, page_footer=page_footer(), **context)


WARM_UP_PAGE = "<p style=\"font-family: 'DejaVu Sans'\">Größe <b>fett</b> <i>kursiv</i></p>"


def warm_up(root: Path) -> bool:
    """Import WeasyPrint and load the fonts now (about a second), so that a worker's first
    report is as quick as the others; False, and nothing raised, where WeasyPrint or its
    system libraries are missing (the app serves every other page there)."""
    try:
        html_to_pdf(WARM_UP_PAGE, root)
    except (ImportError, OSError):
        return False
    return True


def html_to_pdf(html: str, root: Path) -> bytes:
    """Render ``html`` to PDF; relative URLs resolve in ``root``, nothing outside is read."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=local_fetcher(root))
    return bytes(document.write_pdf())


def local_fetcher(root: Path) -> Fetcher:
    """A WeasyPrint url_fetcher for ``data:`` URLs and files under ``root``, refusing the rest."""
    allowed = root.resolve()

    def fetch(url: str) -> dict[str, Any]:
        from weasyprint import default_url_fetcher

        if url.startswith("data:") or _file_under(url, allowed):
            return dict(default_url_fetcher(url))
        raise RemoteResourceRefused(f"not fetched while rendering a report: {url[:80]}")

    return fetch


def _file_under(url: str, root: Path) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    return Path(url2pathname(parts.path)).resolve().is_relative_to(root)


def page_footer() -> Markup:
    """CSS ``content`` for "Seite 1 von 3" in the current language: the translated sentence
    with its placeholders replaced by the page counters."""
    text = str(gettext("Seite %(page)s von %(pages)s", page="\0page\0", pages="\0pages\0"))
    parts = text.split("\0")  # literal, counter name, literal, counter name, literal
    css = [css_string(part) if i % 2 == 0 else f"counter({part})" for i, part in enumerate(parts)]
    return Markup(" ".join(css))


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string for a ``<style>`` element (page footers)."""
    return Markup('"' + str(text).translate(_CSS_ESCAPES) + '"')


def _static_folder() -> Path:
    return Path(current_app.static_folder or "static")
