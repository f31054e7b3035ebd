"""Team mode on the web: the respondent's pages under ``/team/<campaign token>/`` and the
company owner's campaign pages under ``/a/<resume token>/team/``, in the ``team`` blueprint
(``blueprint.bp``); the consultant's campaign pages are part of ``/berater/``
(``zzcheck.web.consultant.campaigns``). Importing the modules attaches the views."""

from __future__ import annotations

from zzcheck.web.team import answer_pages, code_pages, owner_pages
from zzcheck.web.team.blueprint import bp

__all__ = ["answer_pages", "bp", "code_pages", "owner_pages"]
