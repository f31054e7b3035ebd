"""The peer snapshot: what the result pages' peer comparison publishes, computed at most
once a day (``zzcheck/analytics/peer_snapshot.py``) and only read in between.

``PeerSnapshot`` is a single row (id 1): when the figures were taken and which completed
checks they cover (those completed before ``cutoff``, a day before ``taken_at``).
``PeerFigure`` holds per questionnaire, group (industry section and size class, "*" where a
group spans all) and dimension the published values only: the band of the group size and
the rounded mean (None: rated by too few). No exact count or sum is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import Base
from zzcheck.storage.models import UTCDateTime

SNAPSHOT_ID = 1


class PeerSnapshot(Base):
    """When the published peer figures were taken (one row, ``SNAPSHOT_ID``)."""

    __tablename__ = "peer_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime)


class PeerFigure(Base):
    """One published value of a peer group: its size band and its mean in one dimension."""

    __tablename__ = "peer_figure"

    questionnaire_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    industry: Mapped[str] = mapped_column(String(8), primary_key=True)
    size: Mapped[str] = mapped_column(String(8), primary_key=True)
    dimension_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    companies: Mapped[int] = mapped_column(Integer)  # the lower end of the size band
    mean: Mapped[float | None] = mapped_column(Float)
