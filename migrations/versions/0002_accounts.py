"""Accounts (consultants, programme staff, admins) and failed login attempts for rate limits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("centre_id", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('consultant', 'programme', 'admin')", name=op.f("ck_user_account_role")
        ),
        sa.CheckConstraint(
            "(role = 'consultant' AND centre_id IS NOT NULL)"
            " OR (role <> 'consultant' AND centre_id IS NULL)",
            name=op.f("ck_user_account_centre_by_role"),
        ),
        sa.CheckConstraint(
            "email = lower(email)", name=op.f("ck_user_account_email_lower_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    op.create_index(op.f("ix_user_account_centre_id"), "user_account", ["centre_id"])
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    op.create_index(op.f("ix_login_attempt_attempted_at"), "login_attempt", ["attempted_at"])
    op.create_index(
        "ix_login_attempt_key_hash_attempted_at", "login_attempt", ["key_hash", "attempted_at"]
    )


def downgrade():
    op.drop_table("login_attempt")
    op.drop_table("user_account")
