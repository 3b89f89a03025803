"""policies and redemption cases: the policy catalogue in tables with its search index,
cases and their events, the enterprise's reusable materials checklist, manual
targeting, consultations, and the server's copy of each enterprise profile

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Additive only: new tables, one new column with a default (``enterprises.profile_server``,
an ``ALTER TABLE ... ADD COLUMN``: no table is copied), a new FTS5 table. Every existing
row keeps every value, pending ops stay pending with the same ``seq``.

- ``cat_materials``, ``policy_documents``, ``policy_items``, ``policy_item_tags``,
  ``policy_batches``, ``policy_batch_materials``: the published policy catalogue in
  tables (filled by ``install_catalogue``; a desk upgraded with a catalogue already
  installed fills them from the stored catalogue on first use); ``policy_fts`` its
  contentless FTS5 index (``core.textsearch`` tokens, rowid = ``policy_items.pk``);
- ``cases`` + ``case_events`` (like ``tickets`` + ``ticket_events``),
  ``enterprise_materials``, ``targeting``, ``consultations``;
- ``enterprises.profile_server``: the profile as the server last sent it, so a profile
  edit the server refuses can be undone locally (``profile`` = it + pending edits).

A desk that has pulled before re-snapshots at its next sync (the outbox is kept): a
server answering an older desk leaves out the kinds of change it could not read, so the
cases, materials, targeting and consultations in this desk's scope are fetched anew.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _replication(with_attention: bool = True) -> list[sa.Column]:
    cols = [sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('pending', sa.Integer(), nullable=False)]
    if with_attention:
        cols.append(sa.Column('attention', sa.Text(), nullable=True))
    return cols


def upgrade() -> None:
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_server', sa.Text(), server_default='{}',
                                      nullable=False))

    # -- the policy catalogue ---------------------------------------------------------
    op.create_table(
        'cat_materials',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('validity_days', sa.Integer(), nullable=True),
        sa.Column('proves', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cat_materials')))
    op.create_table(
        'policy_documents',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('doc_number', sa.String(length=100), nullable=False),
        sa.Column('issuer_id', sa.String(length=64), nullable=False),
        sa.Column('issued', sa.String(length=10), nullable=False),
        sa.Column('valid_from', sa.String(length=10), nullable=False),
        sa.Column('valid_to', sa.String(length=10), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_documents')))
    op.create_table(
        'policy_items',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('document_id', sa.String(length=32), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('amount_text', sa.String(length=200), nullable=False),
        sa.Column('amount_max', sa.Integer(), nullable=True),
        sa.Column('themes', sa.Text(), nullable=False),
        sa.Column('rule', sa.Text(), nullable=False),
        sa.Column('exclusive_group', sa.String(length=64), nullable=True),
        sa.Column('stacking', sa.String(length=24), nullable=True),
        sa.Column('issuer_id', sa.String(length=64), nullable=False),
        sa.Column('valid_from', sa.String(length=10), nullable=False),
        sa.Column('valid_to', sa.String(length=10), nullable=True),
        sa.Column('doc_title', sa.String(length=300), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['policy_documents.id'],
                                name=op.f('fk_policy_items_document_id_policy_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_policy_items')),
        sa.UniqueConstraint('id', name=op.f('uq_policy_items_id')))
    with op.batch_alter_table('policy_items', schema=None) as batch_op:
        batch_op.create_index('ix_policy_items_document_id', ['document_id'], unique=False)
        batch_op.create_index('ix_policy_items_issuer_id', ['issuer_id'], unique=False)
    op.create_table(
        'policy_item_tags',
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('value', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['policy_items.id'],
                                name=op.f('fk_policy_item_tags_item_id_policy_items'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('item_id', 'kind', 'value', name=op.f('pk_policy_item_tags')))
    with op.batch_alter_table('policy_item_tags', schema=None) as batch_op:
        batch_op.create_index('ix_policy_item_tags_kind_value', ['kind', 'value'], unique=False)
    op.create_table(
        'policy_batches',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('ord', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('opens', sa.String(length=10), nullable=False),
        sa.Column('closes', sa.String(length=10), nullable=False),
        sa.Column('reference_date', sa.String(length=10), nullable=False),
        sa.Column('receiving_unit_id', sa.String(length=64), nullable=False),
        sa.Column('contact_name', sa.String(length=50), nullable=False),
        sa.Column('contact_phone', sa.String(length=40), nullable=False),
        sa.Column('channel', sa.String(length=200), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['policy_items.id'],
                                name=op.f('fk_policy_batches_item_id_policy_items'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_batches')))
    with op.batch_alter_table('policy_batches', schema=None) as batch_op:
        batch_op.create_index('ix_policy_batches_closes_opens', ['closes', 'opens'], unique=False)
        batch_op.create_index('ix_policy_batches_item_id', ['item_id'], unique=False)
    op.create_table(
        'policy_batch_materials',
        sa.Column('batch_id', sa.String(length=32), nullable=False),
        sa.Column('material_id', sa.String(length=64), nullable=False),
        sa.Column('ord', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['batch_id'], ['policy_batches.id'],
                                name=op.f('fk_policy_batch_materials_batch_id_policy_batches'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('batch_id', 'material_id',
                                name=op.f('pk_policy_batch_materials')))
    op.execute("CREATE VIRTUAL TABLE policy_fts USING fts5(title, body, "
               "content='', tokenize='unicode61 remove_diacritics 0')")

    # -- cases and the enterprise's policy records --------------------------------------
    op.create_table(
        'cases',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('batch_id', sa.String(length=32), nullable=False),
        sa.Column('station_id', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.String(length=32), nullable=False),
        sa.Column('town', sa.String(length=40), nullable=True),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('deadline', sa.String(length=10), nullable=True),
        sa.Column('submitted_on', sa.String(length=10), nullable=True),
        sa.Column('redeemed_on', sa.String(length=10), nullable=True),
        sa.Column('amount_redeemed', sa.Integer(), nullable=True),
        sa.Column('last_event_at', sa.String(length=32), nullable=True),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        *_replication(),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_cases')),
        sa.UniqueConstraint('enterprise_id', 'item_id', 'batch_id',
                            name=op.f('uq_cases_enterprise_id_item_id_batch_id')),
        sa.UniqueConstraint('id', name=op.f('uq_cases_id')))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_item_id', ['item_id'], unique=False)
        batch_op.create_index('ix_cases_state_deadline', ['state', 'deadline'], unique=False)
    op.create_table(
        'case_events',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('case_pk', sa.Integer(), nullable=False),
        sa.Column('ord', sa.Integer(), nullable=True),
        sa.Column('local_ord', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=24), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('station', sa.String(length=16), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_pk'], ['cases.pk'],
                                name=op.f('fk_case_events_case_pk_cases'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events')))
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index('ix_case_events_case', ['case_pk', 'ord', 'local_ord'],
                              unique=False)
    op.create_table(
        'enterprise_materials',
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('material_id', sa.String(length=64), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('received_on', sa.String(length=10), nullable=True),
        sa.Column('expires_on', sa.String(length=10), nullable=True),
        sa.Column('case_id', sa.String(length=36), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        *_replication(),
        sa.PrimaryKeyConstraint('enterprise_id', 'material_id',
                                name=op.f('pk_enterprise_materials')),
        sa.UniqueConstraint('id', name=op.f('uq_enterprise_materials_id')))
    for table, item_nullable, extra in (
            ('targeting', False, [sa.Column('reason', sa.Text(), nullable=False)]),
            ('consultations', True, [sa.Column('question', sa.Text(), nullable=False),
                                     sa.Column('answer', sa.Text(), nullable=True),
                                     sa.Column('rating', sa.Integer(), nullable=True),
                                     sa.Column('comment', sa.Text(), nullable=True)])):
        op.create_table(
            table,
            sa.Column('pk', sa.Integer(), nullable=False),
            sa.Column('id', sa.String(length=36), nullable=False),
            sa.Column('enterprise_id', sa.String(length=36), nullable=False),
            sa.Column('item_id', sa.String(length=32), nullable=item_nullable),
            *extra,
            sa.Column('actor', sa.String(length=64), nullable=False),
            sa.Column('role', sa.String(length=16), nullable=False),
            sa.Column('station', sa.String(length=16), nullable=False),
            sa.Column('at', sa.String(length=32), nullable=False),
            *_replication(),
            sa.PrimaryKeyConstraint('pk', name=op.f(f'pk_{table}')),
            sa.UniqueConstraint('id', name=op.f(f'uq_{table}_id')))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_enterprise_id', ['enterprise_id'], unique=False)
            batch_op.create_index(f'ix_{table}_item_id', ['item_id'], unique=False)

    # A desk that has pulled before fetches everything again at its next sync (keeping
    # its outbox): see the module docstring.
    op.execute("INSERT OR REPLACE INTO meta (key, value) SELECT 'sync.resnapshot', "
               "json_object('reason', 'schema_upgrade', 'started_at', "
               "strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now')) "
               "WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'cursor' AND value != '\"0\"')")
    op.execute("UPDATE meta SET value = '\"0\"' WHERE key = 'cursor'")
    op.execute("DELETE FROM sync_seen")


def downgrade() -> None:
    """Desk files migrate forward only; restore the backup taken before upgrading."""
    raise NotImplementedError("desk file migrations are forward-only")
