"""Personal one-time codes of a team campaign: one code, one answer (issue 13, point 2).

Without codes anyone with the campaign link can answer any number of times, e.g. add two
fake works-council answers to lift a single real member over the group size and read off
their scores. A code campaign issues ``n`` codes (optionally per role group: a code for the
works council can only answer as works council); each code starts one answer and is spent.

**How long, and why that is enough.** A code is 10 characters of ``ALPHABET`` (31 signs
without 0/O, 1/I/L, so a printed slip cannot be misread and typing is forgiving: case,
spaces and hyphens are ignored): 31¹⁰ ≈ 8.2·10¹⁴ ≈ 2^49.5. A wrong code counts like an
unknown link (``link_limits``: 30 per address in 10 minutes, 4,320 a day). Even with 100,000
unused codes in the whole database, one guess hits one with p ≈ 1.2·10⁻¹⁰; an address
guessing all year (1.6·10⁶ guesses) finds one with p ≈ 2·10⁻⁴, a thousand addresses for a
year ≈ 0.2 – and that code lands in a random campaign, not the target. Lifting a hidden
group needs k−1 ≥ 2 codes *of one campaign* (≤ 1,000 codes, open ≤ 92 days): p < 10⁻⁹.
Ten characters are what a person copies from paper in under a minute; 12 would add nothing
that matters against these odds.

**Stored as a SHA-256 only**, like every token. 2^49.5 hashes are within reach of someone
with a copy of the database and a GPU; they would find unused codes, which is no more than
writing rows into that database allows anyway. A code is never linked to the answer it
started (no id, no time on the code: only ``used``), so no page, export or query of
zzcheck's data tells which code gave which answer. Someone administering the database
server could still line them up by its own bookkeeping (PostgreSQL's ``xmin`` of the row
updated in the same transaction, write-ahead logs); that is why the sheet asks for codes to
be handed out without a list of who got which (``templates/team/code_sheet.html``).

A code is spent when its answer *starts*, by a conditional UPDATE (``used`` false → true):
of two requests with the same code at the same moment exactly one gets the row. A
respondent who loses the browser before sending is given a new code by whoever hands them
out (``issue_codes`` adds codes to an open campaign; the page counts all of them).

Services flush, never commit.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.assessments import hash_token
from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.campaign_answers import check_open, start_first, validate_role
from zzcheck.storage.models import Assessment
from zzcheck.storage.team_models import Campaign
from zzcheck.storage.workspace_errors import InvalidInput
from zzcheck.team.groups import ROLES

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10
MAX_CODES = 1000  # per campaign, all batches together: more than a KMU has staff
SEPARATORS = str.maketrans("", "", " -.\t")


class CampaignCode(Base):
    """One code: its hash, the role it fixes (None: the respondent chooses) and whether it
    was used. Deliberately nothing that ties it to the answer it started."""

    __tablename__ = "campaign_code"
    __table_args__ = (
        CheckConstraint(
            f"role IS NULL OR role IN ({', '.join(repr(r) for r in ROLES)})", name="role"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str | None] = mapped_column(String(16))
    used: Mapped[bool] = mapped_column(default=False)


class CodeRefused(Exception):
    """Base of a code that cannot start an answer; the view explains each one."""


class UnknownCode(CodeRefused):
    """No such code (a typo or a guess: counted against the address)."""


class CodeUsed(CodeRefused):
    """The code has started an answer already: each code answers once."""


@dataclass(frozen=True)
class IssuedCode:
    """A new code in clear (shown once, on the sheet) and the role it fixes."""

    code: str
    role: str | None

    @property
    def shown(self) -> str:
        """``ABCDE-FGHJK``: two halves are easier to copy."""
        half = LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"


@dataclass(frozen=True)
class CodeCounts:
    """What the campaign page says: codes issued (per role; None = free choice) and used."""

    issued: dict[str | None, int]
    used: int

    @property
    def total(self) -> int:
        return sum(self.issued.values())


def normalise(typed: str) -> str | None:
    """The code as stored, from what someone typed (case, spaces, hyphens ignored); None
    if it cannot be a code at all (then it is not looked up, and not counted)."""
    code = typed.translate(SEPARATORS).upper()
    if len(code) != LENGTH or any(sign not in ALPHABET for sign in code):
        return None
    return code


def _hash(code: str) -> str:
    return hash_token("campaign-code:" + code)


def issue_codes(
    session: DbSession, campaign: Campaign, counts: Mapping[str | None, int]
) -> list[IssuedCode]:
    """``counts[role]`` new codes per role (None: the respondent picks the role), in clear,
    in role order. Raises ``InvalidInput`` beyond ``MAX_CODES`` or for an unknown role."""
    wanted = sum(counts.values())
    if not campaign.uses_codes:
        raise InvalidInput(f"campaign {campaign.id} is answered through its link, not by code")
    if any(role not in (None, *ROLES) for role in counts) or min(counts.values(), default=0) < 0:
        raise InvalidInput(f"code counts {dict(counts)!r}")
    if not 1 <= wanted <= MAX_CODES - code_counts(session, campaign).total:
        raise InvalidInput(f"1–{MAX_CODES} codes per campaign, not {wanted} more")
    issued = [IssuedCode(code, role) for role, n in counts.items() for code in _fresh(session, n)]
    session.add_all(
        CampaignCode(campaign_id=campaign.id, code_hash=_hash(item.code), role=item.role)
        for item in issued
    )
    session.flush()
    return issued


def _fresh(session: DbSession, n: int) -> list[str]:
    """``n`` new codes that no campaign has (a clash has p ≈ 10⁻⁹; then draw again)."""
    codes: set[str] = set()
    while len(codes) < n:
        drawn = {"".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(n)}
        taken = session.scalars(
            select(CampaignCode.code_hash).where(
                CampaignCode.code_hash.in_([_hash(c) for c in drawn])
            )
        ).all()
        codes |= {code for code in drawn if _hash(code) not in set(taken)}
    return sorted(codes)[:n]


def find_code(session: DbSession, typed: str) -> CampaignCode | None:
    """The code behind what someone typed (any campaign), or None."""
    code = normalise(typed)
    if code is None:
        return None
    return session.scalars(
        select(CampaignCode).where(CampaignCode.code_hash == _hash(code))
    ).one_or_none()


def join_with_code(
    session: DbSession,
    code: CampaignCode,
    campaign: Campaign,
    role: str | None,
    area: str | None,
    browser_id: str,
    now: datetime | None = None,
) -> Assessment:
    """Spend ``code`` and start its answer; a code with a role answers in that role,
    whatever ``role`` says. ``CodeUsed`` if it was spent, also by a request at the same
    moment (the conditional UPDATE lets exactly one of them through)."""
    check_open(campaign, now)
    role = code.role or role
    validate_role(role, area)
    spent = session.execute(
        update(CampaignCode)
        .where(CampaignCode.id == code.id, CampaignCode.used.is_(False))
        .values(used=True),
        execution_options={"synchronize_session": False},
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeUsed(f"code {code.id} of campaign {campaign.id} was used")
    assert role is not None  # validate_role refused None
    return start_first(session, campaign, role, area, browser_id)


def code_counts(session: DbSession, campaign: Campaign) -> CodeCounts:
    """Codes issued per role and used in all (used per role would show, while the campaign
    is open, how many of a small group have answered)."""
    rows = session.execute(
        select(CampaignCode.role, func.count(), func.count().filter(CampaignCode.used))
        .where(CampaignCode.campaign_id == campaign.id)
        .group_by(CampaignCode.role)
    ).all()
    issued = {role: n for role, n, _used in rows}
    return CodeCounts(issued=issued, used=sum(used for _role, _n, used in rows))
