"""letter drafts (personal data, purged on schedule)

Revision ID: 0005_letters
Revises: 0006_motions
Create Date: 2026-11-23 11:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005_letters'
down_revision = '0006_motions'
branch_labels = None
depends_on = None


def upgrade():
    # A new table only: `actions` carries triggers from 0004 that a batch alter would drop.
    op.create_table('letter_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('campaign', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('asks', sa.JSON(), nullable=False),
    sa.Column('personal', sa.Text(), nullable=False),
    sa.Column('consent_updates', sa.Boolean(), nullable=False),
    sa.Column('lookup', sa.JSON(), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('template_version', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_drafts')),
    sa.UniqueConstraint('public_id', name=op.f('uq_letter_drafts_public_id'))
    )
    op.create_index(op.f('ix_letter_drafts_created_at'), 'letter_drafts', ['created_at'], unique=False)
    op.create_index(op.f('ix_letter_drafts_email'), 'letter_drafts', ['email'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_letter_drafts_email'), table_name='letter_drafts')
    op.drop_index(op.f('ix_letter_drafts_created_at'), table_name='letter_drafts')
    op.drop_table('letter_drafts')
