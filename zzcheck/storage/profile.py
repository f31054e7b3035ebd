"""Moved to ``zzcheck.questionnaire.profile`` (the vocabulary is domain, used by validation)."""

from zzcheck.questionnaire.profile import *  # noqa: F403
from zzcheck.questionnaire.profile import PROFILE_FIELDS, choices, label, profile_problems

__all__ = ["PROFILE_FIELDS", "choices", "label", "profile_problems"]
