"""elections: MP sync runs (change reports, dissolution detection), new-MP reminders (personal data), letter
fingerprints for the similarity meter (purged with personal data) and letter choices (subject, opening,
personalised: no personal data)

Revision ID: 0009_elections
Revises: 0007_sending
Create Date: 2026-11-23 11:30:00

New tables only (the triggers on `actions` from 0004 are left alone).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_elections'
down_revision = '0007_sending'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mp_sync_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('synced_at', sa.DateTime(), nullable=False),
    sa.Column('mps', sa.Integer(), nullable=False),
    sa.Column('new', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.Column('gone', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mp_sync_runs'))
    )
    op.create_index(op.f('ix_mp_sync_runs_synced_at'), 'mp_sync_runs', ['synced_at'], unique=False)
    op.create_table('mp_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('campaign', sa.String(length=80), nullable=False),
    sa.Column('constituency_code', sa.String(length=12), nullable=True),
    sa.Column('constituency_name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mp_reminders'))
    )
    op.create_index(op.f('ix_mp_reminders_email'), 'mp_reminders', ['email'], unique=False)
    op.create_index(op.f('ix_mp_reminders_constituency_code'), 'mp_reminders', ['constituency_code'], unique=False)
    op.create_index(op.f('ix_mp_reminders_created_at'), 'mp_reminders', ['created_at'], unique=False)
    op.create_table('letter_fingerprints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign', sa.String(length=80), nullable=False),
    sa.Column('recipient', sa.String(length=40), nullable=False),
    sa.Column('sketch', sa.LargeBinary(), nullable=False),
    sa.Column('letter_key', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_fingerprints')),
    sa.UniqueConstraint('letter_key', name=op.f('uq_letter_fingerprints_letter_key'))
    )
    op.create_index(op.f('ix_letter_fingerprints_created_at'), 'letter_fingerprints', ['created_at'], unique=False)
    op.create_index('ix_letter_fingerprints_recipient_created', 'letter_fingerprints', ['recipient', 'created_at'],
                    unique=False)
    op.create_table('letter_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_key', sa.String(length=120), nullable=False),
    sa.Column('campaign', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject_index', sa.Integer(), nullable=True),
    sa.Column('opening_index', sa.Integer(), nullable=True),
    sa.Column('asks', sa.Integer(), nullable=False),
    sa.Column('personalised', sa.Boolean(), nullable=False),
    sa.Column('produced', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_choices')),
    sa.UniqueConstraint('letter_key', name=op.f('uq_letter_choices_letter_key'))
    )
    op.create_index('ix_letter_choices_campaign_created', 'letter_choices', ['campaign', 'created_at'], unique=False)


def downgrade():
    op.drop_table('letter_choices')
    op.drop_table('letter_fingerprints')
    op.drop_table('mp_reminders')
    op.drop_table('mp_sync_runs')
