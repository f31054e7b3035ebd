"""The ``flask --app app zzcheck …`` commands. Thin: each calls the same code as the web."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, NoReturn

import click
from flask import Flask, current_app
from flask.cli import AppGroup, ScriptInfo
from sqlalchemy.exc import OperationalError, ProgrammingError

from zzcheck.analytics.peer_snapshot import take_peer_snapshot
from zzcheck.analytics.privacy import min_group_size
from zzcheck.extensions import db
from zzcheck.questionnaire.loader import check_paths
from zzcheck.scoring import check_answers, score
from zzcheck.scoring.document import parse_answers_document
from zzcheck.storage import accounts, api_tokens
from zzcheck.storage.demo import demo_batches, write_demo_batch
from zzcheck.storage.models import utcnow
from zzcheck.storage.schema import schema_is_current
from zzcheck.storage.score_summary import summarize

UPGRADE_HINT = "run `flask --app app db upgrade` (with the same DATABASE_URL) first"


class CommandGroup(AppGroup):
    """The ``zzcheck`` group: a database that is unreachable or has no current schema ends a
    command with a message saying what to do, not with a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        app = ctx.ensure_object(ScriptInfo).load_app()
        with app.app_context():  # the command's own context has ended when an error gets here
            try:
                return super().invoke(ctx)
            except (OperationalError, ProgrammingError) as error:
                db.session.rollback()
                _fail(_database_problem(error))


def _database_problem(error: Exception) -> str:
    """What to tell about a failed statement: the schema is missing or old, or the database
    cannot be reached (its first line); anything else is a fault and goes on as it is."""
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    try:
        with db.engine.connect() as connection:
            current = schema_is_current(connection)
    except OperationalError:
        return f"cannot reach the database ({reason}); check DATABASE_URL"
    if not current:
        return f"the database has no current schema ({reason}); {UPGRADE_HINT}"
    raise error


zzcheck_cli = CommandGroup("zzcheck", help="zzcheck: questionnaires, scoring, data.")


def register_cli(app: Flask) -> None:
    from zzcheck.export_cli import export_command  # programme aggregates (issue 5)
    from zzcheck.purge_cli import purge_command  # retention (issue 8)

    zzcheck_cli.add_command(export_command)
    zzcheck_cli.add_command(purge_command)
    app.cli.add_command(zzcheck_cli)


@zzcheck_cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files or folders (default: the app's folder).

    Prints every problem as FILE:LINE: PATH: MESSAGE and exits 1, or one summary line per
    valid file and exits 0.
    """
    loaded, issues = check_paths(paths or (current_app.config["ZZCHECK_QUESTIONNAIRES"],))
    for line in [str(issue) for issue in issues] or [item.summary() for item in loaded]:
        click.echo(line)
    if issues:
        click.echo(f"{len(issues)} problem(s) found.", err=True)
        raise SystemExit(1)


@zzcheck_cli.command("score")
@click.argument("questionnaire_id")
@click.argument("answers_file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
def score_command(questionnaire_id: str, answers_file: Path, lang: str) -> None:
    """Score ANSWERS_FILE ({"answers": {...}, "profile": {...}}) and print the result as JSON."""
    loaded = current_app.extensions["zzcheck"].questionnaires.get(questionnaire_id)
    if loaded is None:
        _fail(f"unknown questionnaire {questionnaire_id!r}")
    try:
        document = parse_answers_document(answers_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        _fail(f"{answers_file}: {error}")
    problems = check_answers(loaded.questionnaire, document.answers)
    if problems:
        _fail(*(f"{answers_file}: {problem}" for problem in problems))
    result = score(loaded.questionnaire, document.answers, document.profile)
    click.echo(json.dumps(result.to_dict(lang), indent=2, sort_keys=True, ensure_ascii=False))


def _fail(*lines: str) -> NoReturn:
    """Print each error on its own line on stderr and exit with status 1."""
    for line in lines:
        click.echo(f"error: {line}", err=True)
    raise SystemExit(1)


@zzcheck_cli.command("demo-data")
@click.option("--companies", type=click.IntRange(min=1), required=True, help="How many.")
@click.option("--seed", type=int, default=None, help="Same seed, same companies and answers.")
def demo_data_command(companies: int, seed: int | None) -> None:
    """Create COMPANIES realistic completed assessments (all 16 states, the last 24 months)."""
    loaded = list(current_app.extensions["zzcheck"].questionnaires.values())
    if not loaded:
        _fail("no questionnaires loaded; check ZZCHECK_QUESTIONNAIRES")
    started, created = time.perf_counter(), 0
    try:
        for batch in demo_batches(loaded, companies, seed):
            created += write_demo_batch(db.session, batch)
            db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    elapsed = time.perf_counter() - started
    click.echo(f"Created {created} completed demo assessments in {elapsed:.1f} s.")


@zzcheck_cli.command("rebuild-statistics")
def rebuild_statistics_command() -> None:
    """Take a new peer snapshot at once and refill the programme aggregates' score summaries
    from the stored results (a repair, e.g. after editing results by hand)."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    k = min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))
    try:
        figures = take_peer_snapshot(db.session, utcnow(), secret, k)
        summarized = summarize(db.session)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(
        f"Peer snapshot taken ({figures} published figures); "
        f"{summarized} completed assessments summarised."
    )


@zzcheck_cli.command("create-user")
@click.option("--email", required=True, help="The login; stored in lower case.")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@click.option("--centre", "centre_id", help="Centre id from _centres.yaml (consultants only).")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 12 characters. Asked twice, hidden, when not given (keeps it out of the "
    "shell history).",
)
def create_user_command(email: str, role: str, centre_id: str | None, password: str) -> None:
    """Create an active account (there is no default account)."""
    centres = current_app.extensions["zzcheck"].centres
    try:
        user = accounts.create_user(db.session, email, role, centre_id, password, centres=centres)
        db.session.commit()
    except accounts.AccountError as error:
        db.session.rollback()
        _fail(str(error))
    centre = f" of centre {user.centre_id}" if user.centre_id else ""
    click.echo(f"Created {user.role} {user.email}{centre}.")


@zzcheck_cli.command("deactivate-user")
@click.option("--email", required=True)
def deactivate_user_command(email: str) -> None:
    """The account can no longer log in; open sessions end at their next request."""
    try:
        user = accounts.deactivate_user(db.session, email)
        db.session.commit()
    except accounts.AccountError as error:
        db.session.rollback()
        _fail(str(error))
    click.echo(f"Deactivated {user.email}.")


@zzcheck_cli.command("send-mail")
def send_mail_command() -> None:
    """Send the mails waiting in the outbox (requests for advice to their centres); run it
    from cron where the mail server may be down: nothing is lost while it waits."""
    from zzcheck.mail import SmtpSettings
    from zzcheck.mailer import deliver_pending

    settings = SmtpSettings.from_config(current_app.config)
    if settings is None:
        _fail("No mail server configured: set ZZCHECK_SMTP_HOST (README, Configuration).")
    done = deliver_pending(db.session, settings)
    click.echo(f"{done.sent} mail(s) sent, {done.failed} failed (kept for the next run)")
    if done.failed:
        raise SystemExit(1)


@zzcheck_cli.command("create-token")
@click.option("--email", required=True, help="the account the token acts for")
@click.option("--label", default="CLI", show_default=True, help="what the token is for")
def create_token_command(email: str, label: str) -> None:
    """Create a personal API token and print it once (it is stored only as a hash)."""
    user = accounts.find_user(db.session, email)
    if user is None:
        _fail(f"There is no account with the e-mail address {email.strip()}.")
    try:
        token, secret = api_tokens.create_token(db.session, user, label)
        db.session.commit()
    except api_tokens.ApiTokenError as error:
        db.session.rollback()
        _fail(str(error))
    click.echo(f"Token {token.id} for {user.email} (shown only now):")
    click.echo(secret)
