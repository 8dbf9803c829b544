"""council register: every UK council, with the facts letters and motions need to name and reach it

Revision ID: 0011_council_register
Revises: 0008_spread
Create Date: 2026-12-02 14:10:00

Columns only (nullable), so an existing register keeps working until the data release fills them:
``short_name`` ("Leeds"), ``nation`` ("England", "Wales", "Scotland", "Northern Ireland"),
``govuk_slug`` and ``homepage_url`` (its domain verifies motion minutes links).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_council_register'
down_revision = '0008_spread'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('councils') as batch_op:
        batch_op.add_column(sa.Column('short_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('nation', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('govuk_slug', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('homepage_url', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('councils') as batch_op:
        batch_op.drop_column('homepage_url')
        batch_op.drop_column('govuk_slug')
        batch_op.drop_column('nation')
        batch_op.drop_column('short_name')
