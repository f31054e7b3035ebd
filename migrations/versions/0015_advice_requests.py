"""Requests for advice (issue 14, point 5): ``advice_request`` (one per share: message,
preferred way of contact, contact detail, when it was asked and first opened by the centre)
and ``mail_outbox`` (mail to centres, stored with the request and sent after the commit).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

WAYS = "contact_way IS NULL OR contact_way IN ('phone', 'email', 'visit')"


def upgrade():
    op.create_table(
        "advice_request",
        sa.Column("share_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("contact_way", sa.String(length=8), nullable=True),
        sa.Column("contact_detail", sa.String(length=200), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(WAYS, name=op.f("ck_advice_request_contact_way")),
        sa.ForeignKeyConstraint(
            ["share_id"],
            ["share.id"],
            name=op.f("fk_advice_request_share_id_share"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("share_id", name=op.f("pk_advice_request")),
    )
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_mail_outbox_sent_at"), "mail_outbox", ["sent_at"])


def downgrade():
    op.drop_index(op.f("ix_mail_outbox_sent_at"), table_name="mail_outbox")
    op.drop_table("mail_outbox")
    op.drop_table("advice_request")
