"""What an aggregate needs from the app, as plain values: the questionnaire (dimension order
and titles), the centres (state → centre) and k (``privacy.min_group_size`` of the
configured ``ZZCHECK_MIN_GROUP_SIZE``). The page and the CLI build it and call :func:`run`.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzcheck.analytics.aggregate import Aggregate, AggregateQuery, aggregate
from zzcheck.centres import Centres
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.storage.base import DbSession


@dataclass(frozen=True)
class Setting:
    questionnaire: Questionnaire
    centres: Centres
    k: int

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.questionnaire.dimensions)

    def titles(self, lang: str = "de") -> dict[str, str]:
        """Dimension id → title."""
        return {d.id: d.title.get(lang) for d in self.questionnaire.dimensions}

    @property
    def state_centres(self) -> dict[str, str]:
        """State code → id of its regional centre."""
        return self.centres.state_map()

    def centre_names(self, lang: str = "de") -> dict[str, str]:
        """Regional centre id → name: the values of the "centre" key (a sector centre covers
        companies by industry, not a region, so it is no group of the geography)."""
        regional = set(self.state_centres.values())
        return {c.id: c.name.get(lang) for c in self.centres.all() if c.id in regional}


def run(session: DbSession, query: AggregateQuery, setting: Setting) -> Aggregate:
    """The aggregate of ``query`` with the app's dimensions, centres and k."""
    return aggregate(
        session,
        query,
        dimensions=setting.dimensions,
        centres=setting.state_centres,
        k=setting.k,
    )
