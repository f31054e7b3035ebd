"""Cross-check of company-profile codes named in a questionnaire (``show_if: {profile: …}``,
a recommendation's ``profile``): a misspelt code (``works_council: [ja]``) would silently
never match, so it is an error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zzcheck.questionnaire.checked_file import CheckedFile, unknown
from zzcheck.questionnaire.errors import KeyPath
from zzcheck.questionnaire.model import ProfileKey
from zzcheck.questionnaire.profile import PROFILE_FIELDS


def check_profile_codes(
    file: CheckedFile,
    path: KeyPath,
    profile: Mapping[ProfileKey, tuple[str, ...]],
    keys: Sequence[KeyPath] | None = None,
) -> None:
    """Every code is one of its field's; ``keys`` are the sub-paths of the values (default:
    ``key[k]`` under ``path``)."""
    for key, values in profile.items():
        known = PROFILE_FIELDS[key]
        for k, value in enumerate(values):
            if value not in known:
                where = keys[k] if keys is not None else (key, k)
                file.add((*path, *where), unknown(f"{key} code", value, known))
