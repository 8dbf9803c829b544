"""letter drafts carry their subject and opening: letter_drafts.subject_index, opening_index

Revision ID: 0021_draft_variant
Revises: 0020_uncertain_sends
Create Date: 2026-12-03 14:30:00

The subject and opening a letter was given were kept only in letter_choices (which outlives the draft, for
the statistics), so every page and output of a letter read that table as well as the draft. The draft now
holds them too. Drafts saved before this have none; they are read from letter_choices as before.
"""
from alembic import op
import sqlalchemy as sa


revision = '0021_draft_variant'
down_revision = '0020_uncertain_sends'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('letter_drafts') as batch_op:
        batch_op.add_column(sa.Column('subject_index', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('opening_index', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('letter_drafts') as batch_op:
        batch_op.drop_column('opening_index')
        batch_op.drop_column('subject_index')
