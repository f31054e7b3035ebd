"""The programme area ``/programm/``: aggregates (``pages``), their exports (``exports``) and
item statistics (``items_page``) for programme staff and admins; importing the modules
attaches their views to ``blueprint.bp``."""

from __future__ import annotations

from zzcheck.web.programme import exports, items_page, pages
from zzcheck.web.programme.blueprint import bp

__all__ = ["bp", "exports", "items_page", "pages"]
