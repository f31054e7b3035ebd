"""Static files for pages: vendored files (``static/vendor/``) cached for a year and busted by
a version query, and the ``figure_json`` filter that embeds a chart.

``vendor_url("plotly.min.js")`` (a template global) gives
``/static/vendor/plotly.min.js?v=4.1.1-<8 hex of the file's sha256>``: the plotly.js version
for the reader, the content hash so a rebuilt bundle with other traces busts caches too.
Other static files keep Flask's default (revalidated with ETag / Last-Modified).
A chart goes into a page as ``<script type="application/json" id="…">{{ fig|figure_json }}
</script>`` next to ``<div data-radar="…">`` (``static/js/radar.js`` draws it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, send_from_directory, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from zzcheck.charts import PLOTLY_JS_VERSION, figure_json
from zzcheck.report.content import RADAR_TEXTS, radar_markup
from zzcheck.scoring.report import arrange_steps

VENDOR_MAX_AGE = 365 * 24 * 3600  # seconds; safe because every URL carries ?v=
VENDOR_VERSIONS = {"plotly.min.js": PLOTLY_JS_VERSION}


def register_assets(app: Flask) -> None:
    """Serve ``/static/vendor/<file>`` with a far-future max-age; add ``vendor_url`` and the
    ``figure_json``, ``radar_svg`` and ``steps_by_area`` filters (how every page lays out a
    result's charts and next steps) to the templates."""
    app.add_url_rule(
        f"{app.static_url_path}/vendor/<path:filename>", endpoint="vendor", view_func=send_vendor
    )
    app.jinja_env.globals["vendor_url"] = vendor_url
    app.jinja_env.filters["figure_json"] = figure_json
    app.jinja_env.filters["steps_by_area"] = arrange_steps
    app.jinja_env.filters["radar_svg"] = radar_svg


def radar_svg(result: Mapping[str, Any], lang: str) -> Markup:
    """The server-drawn radar of ``Result.to_dict`` data, the PDF's: in the page's HTML it
    is the chart without JavaScript and until plotly (loaded with ``defer``) replaces it.
    Presentation attributes only, no ``style=``: the CSP forbids inline styles."""
    return radar_markup(result, None, lang if lang in RADAR_TEXTS else "de")


def send_vendor(filename: str) -> Response:
    return send_from_directory(_vendor_folder(), filename, max_age=VENDOR_MAX_AGE)


def vendor_url(filename: str) -> str:
    """URL of a vendored file with its version query (see the module docstring)."""
    return url_for("vendor", filename=filename, v=_version(_vendor_folder() / filename))


def _vendor_folder() -> Path:
    return Path(current_app.static_folder or "static") / "vendor"


@cache
def _version(path: Path) -> str:
    """``<upstream version>-<8 hex of sha256>``, computed once per file and process."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    upstream = VENDOR_VERSIONS.get(path.name)
    return f"{upstream}-{digest}" if upstream else digest
