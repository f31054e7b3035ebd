"""Errors of the sharing and consultant-workspace services. Views turn each into a clear,
translated message and a 4xx status; nothing has been written when one is raised."""

from __future__ import annotations


class WorkspaceError(Exception):
    """Base of every request the sharing or workspace services refuse."""


class NotShareable(WorkspaceError):
    """Only a completed assessment can be shared (there is no result before)."""


class ConsentOutdated(WorkspaceError):
    """The form showed another version of the consent text than the current one."""


class UnknownCentre(WorkspaceError):
    """The centre id is not one of the configured centres."""


class AlreadyShared(WorkspaceError):
    """The assessment is shared with another centre: withdraw that share first."""


class InvitationExpired(WorkspaceError):
    """The invitation link is past its expiry date."""


class NotComparable(WorkspaceError):
    """Two assessments of different questionnaires, or the same one twice."""


class InvalidInput(WorkspaceError):
    """A value a form should have refused (empty, too long, unknown status)."""
