"""``flask --app app zzcheck purge [--dry-run]``: apply the retention periods (run it daily,
e.g. from cron or a systemd timer).

Registered on the ``zzcheck`` command group by ``zzcheck.cli``; the rules are in
``zzcheck.storage.retention``. One transaction: either everything is purged or nothing.
"""

from __future__ import annotations

from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from zzcheck.extensions import db
from zzcheck.storage.retention import PurgeCounts, RetentionPolicy, purge


@click.command("purge")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
def purge_command(dry_run: bool) -> None:
    """Withdraw expired shares, delete old unfinished and completed assessments."""
    policy = policy_of(current_app.config)
    try:
        counts = purge(db.session, policy, dry_run=dry_run)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(report(counts, policy, dry_run))


def policy_of(config: Any) -> RetentionPolicy:
    """The retention periods configured for the app (``ZZCHECK_RETENTION_*_DAYS``)."""
    return RetentionPolicy(
        unfinished_days=int(config["ZZCHECK_RETENTION_UNFINISHED_DAYS"]),
        completed_days=int(config["ZZCHECK_RETENTION_COMPLETED_DAYS"]),
        shared_days=int(config["ZZCHECK_RETENTION_SHARED_DAYS"]),
    )


def report(counts: PurgeCounts, policy: RetentionPolicy, dry_run: bool) -> str:
    """One line per rule with its count (``would be`` in a dry run)."""
    verb = "would be " if dry_run else ""
    return "\n".join(
        (
            f"shares {verb}withdrawn (consent older than {policy.shared_days} days): "
            f"{counts.shares_withdrawn}",
            f"unfinished assessments {verb}deleted (not saved for {policy.unfinished_days} "
            f"days): {counts.unfinished_deleted}",
            f"completed assessments {verb}deleted (older than {policy.completed_days} days, "
            f"not shared): {counts.completed_deleted}",
        )
    )
