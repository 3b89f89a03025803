"""sync client: rejection reasons, attention marks, conflicts seen, re-snapshot marks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

What the sync client (sync/engine.py, sync/apply.py) needs of the desk file:

- ``outbox.reason``: the server's reason for a rejected op, as JSON
  ``{code, message, message_zh, field}`` (``last_error`` stays the transport error of
  the latest attempt); ``ix_outbox_entity_id``: a pull page looks up the pending ops of
  the requests it carries;
- ``ticket_attention``: why the clerk must look at a request (``code`` and a JSON note):
  its creation or an edit was rejected, or the server deleted it (or stopped sending it)
  while this desk still had ops for it; a table of its own, as such marks are rare;
- ``sync_conflicts``: same-field edit conflicts the server reported for this desk's ops;
- ``sync_seen``: the ids a re-snapshot has pulled so far (rows not seen are swept when
  the feed is drained; in a table so an interrupted re-snapshot resumes).

Adding a nullable column is an ``ALTER TABLE ... ADD COLUMN``: no table is copied, so a
desk with 100,000 requests upgrades in milliseconds. Existing rows keep every value:
pending ops stay pending with the same ``seq`` (the server's per-device sequence).
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'sync_conflicts',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('op_id', sa.String(length=36), nullable=False),
        sa.Column('entity_id', sa.String(length=36), nullable=False),
        sa.Column('field', sa.String(length=32), nullable=False),
        sa.Column('base_version', sa.Integer(), nullable=False),
        sa.Column('server_version', sa.Integer(), nullable=False),
        sa.Column('kept', sa.Text(), nullable=False),
        sa.Column('overwritten', sa.Text(), nullable=False),
        sa.Column('seen_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_sync_conflicts')),
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index('ix_sync_conflicts_entity_id', ['entity_id'], unique=False)

    op.create_table(
        'sync_seen',
        sa.Column('entity', sa.String(length=16), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'id', name=op.f('pk_sync_seen')),
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=True))
        batch_op.create_index('ix_outbox_entity_id', ['entity_id'], unique=False)
    op.create_table(
        'ticket_attention',
        sa.Column('ticket_pk', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['ticket_pk'], ['tickets.pk'],
                                name=op.f('fk_ticket_attention_ticket_pk_tickets'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ticket_pk', name=op.f('pk_ticket_attention')),
    )

    # 0001 kept a rejection's reason as plain text in last_error: give it the JSON shape
    op.execute("UPDATE outbox SET reason = json_object('code', 'rejected', "
               "'message', last_error, 'message_zh', last_error) "
               "WHERE state = 'rejected' AND last_error IS NOT NULL")


def downgrade() -> None:
    """Desk files migrate forward only; restore the backup taken before upgrading."""
    raise NotImplementedError("desk file migrations are forward-only")
