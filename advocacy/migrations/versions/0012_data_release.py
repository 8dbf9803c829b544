"""data release: which official-data release the database holds, with its manifest

Revision ID: 0012_data_release
Revises: 0019_editor
Create Date: 2026-12-02 14:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_data_release'
down_revision = '0019_editor'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'data_releases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release', sa.String(length=10), nullable=False),
        sa.Column('manifest', sa.Text(), nullable=False),
        sa.Column('loaded_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('data_releases')
