"""Names of roles, areas and respondent groups in the page language."""

from __future__ import annotations

from zzcheck.team.groups import EMPLOYEE, FIELD, IT, MANAGEMENT, OFFICE, PRODUCTION, WORKS_COUNCIL
from zzcheck.web.translate import _


def role_labels() -> dict[str, str]:
    return {
        MANAGEMENT: _("Geschäftsführung/Leitung"),
        EMPLOYEE: _("Beschäftigte"),
        WORKS_COUNCIL: _("Betriebsrat"),
        IT: _("IT"),
    }


def short_role_labels() -> dict[str, str]:
    """For table headers, where the full names would not fit."""
    return {
        MANAGEMENT: _("Leitung"),
        EMPLOYEE: _("Beschäftigte"),
        WORKS_COUNCIL: _("Betriebsrat"),
        IT: _("IT"),
    }


def area_labels() -> dict[str, str]:
    return {
        OFFICE: _("Büro/Verwaltung"),
        PRODUCTION: _("Produktion, Werkstatt oder Lager"),
        FIELD: _("Außendienst, Baustelle oder Montage"),
    }


def group_label(group: str) -> str:
    """A role (``employee``) or need group (``employee:office``) as the page names it."""
    role, _sep, area = group.partition(":")
    if not area:
        return role_labels().get(role, role)
    return _("Beschäftigte – %(area)s", area=area_labels().get(area, area))
