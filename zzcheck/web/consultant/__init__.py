"""The consultant area ``/berater/``: one blueprint (``blueprint.bp``) whose views live in
``shares``, ``clients``, ``plans``, ``invitations``, ``reports`` (PDF) and ``campaigns`` (team
mode); importing them attaches the views.

The guard is the blueprint's ``before_request`` (consultants only, deny by default); each
query is limited to the consultant's centre by ``zzcheck.storage.scope.centre_scope``.
"""

from __future__ import annotations

from zzcheck.web.consultant import campaigns, clients, invitations, plans, reports, shares
from zzcheck.web.consultant.blueprint import bp

__all__ = ["bp", "campaigns", "clients", "invitations", "plans", "reports", "shares"]
