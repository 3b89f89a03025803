"""the policy-redemption window: redemption cases and their events, enterprises' materials
checklists, manual targeting, consultations, per-field profile versions and profile
edit conflicts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Additive only (SQLite and PostgreSQL): new tables, and ``enterprises.profile_meta`` with
a server default (existing enterprises get ``{}``: their profile fields count as
changed at version 1 by no device, like a request's header at creation).
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _stamp() -> list[sa.Column]:
    return [sa.Column('actor', sa.String(length=64), nullable=False),
            sa.Column('role', sa.String(length=16), nullable=False),
            sa.Column('station', sa.String(length=16), nullable=False),
            sa.Column('at', sa.String(length=32), nullable=False),
            sa.Column('town', sa.String(length=40), nullable=False),
            sa.Column('device_id', sa.String(length=64), nullable=False),
            sa.Column('received_at', sa.String(length=32), nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_meta', sa.Text(), server_default='{}',
                                      nullable=False))

    op.create_table(
        'cases',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('batch_id', sa.String(length=32), nullable=False),
        sa.Column('town', sa.String(length=40), nullable=False),
        sa.Column('station_id', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.String(length=32), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
        sa.UniqueConstraint('enterprise_id', 'item_id', 'batch_id',
                            name=op.f('uq_cases_enterprise_id_item_id_batch_id')))
    op.create_index('ix_cases_town', 'cases', ['town'], unique=False)

    op.create_table(
        'case_events',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('ord', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=24), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('station', sa.String(length=16), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('device_id', sa.String(length=64), nullable=False),
        sa.Column('received_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events')),
        sa.UniqueConstraint('case_id', 'ord', name=op.f('uq_case_events_case_id_ord')))

    op.create_table(
        'enterprise_materials',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('material_id', sa.String(length=64), nullable=False),
        sa.Column('received_on', sa.String(length=10), nullable=True),
        sa.Column('case_id', sa.String(length=36), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('station', sa.String(length=16), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise_materials')),
        sa.UniqueConstraint('enterprise_id', 'material_id',
                            name=op.f('uq_enterprise_materials_enterprise_id_material_id')))

    op.create_table(
        'targeting',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        *_stamp(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_targeting')))
    op.create_index('ix_targeting_enterprise_id', 'targeting', ['enterprise_id'], unique=False)

    op.create_table(
        'consultations',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=True),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('comment', sa.Text(), nullable=True),
        *_stamp(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultations')))
    op.create_index('ix_consultations_enterprise_id', 'consultations', ['enterprise_id'],
                    unique=False)

    op.create_table(
        'profile_conflicts',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('enterprise_id', sa.String(length=36), nullable=False),
        sa.Column('field', sa.String(length=32), nullable=False),
        sa.Column('base_version', sa.Integer(), nullable=False),
        sa.Column('server_version', sa.Integer(), nullable=False),
        sa.Column('kept', sa.Text(), nullable=False),
        sa.Column('overwritten', sa.Text(), nullable=False),
        sa.Column('overwritten_by', sa.String(length=64), nullable=True),
        sa.Column('op_id', sa.String(length=36), nullable=False),
        sa.Column('device_id', sa.String(length=64), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False),
        sa.Column('station_id', sa.String(length=16), nullable=False),
        sa.Column('town', sa.String(length=40), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_conflicts')))
    op.create_index('ix_profile_conflicts_enterprise_id', 'profile_conflicts',
                    ['enterprise_id'], unique=False)


def downgrade() -> None:
    """The central database migrates forward only; restore a backup to go back."""
    raise NotImplementedError("central database migrations are forward-only")
