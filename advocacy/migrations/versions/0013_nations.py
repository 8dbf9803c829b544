"""council contacts: postal address and email of a council, for letters residents post or email

Revision ID: 0013_nations
Revises: 0012_data_release
Create Date: 2026-12-02 14:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_nations'
down_revision = '0012_data_release'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'council_contacts',
        sa.Column('council_code', sa.String(length=12), nullable=False),
        sa.Column('address', sa.Text(), nullable=False),
        sa.Column('postcode', sa.String(length=10), nullable=True),
        sa.Column('email', sa.String(length=320), nullable=True),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('council_code'),
    )


def downgrade():
    op.drop_table('council_contacts')
