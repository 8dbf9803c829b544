"""council motions: council register, council -> constituency lookup, motion reports, proposers

New tables only: ``actions`` (and its triggers) is not touched.

Revision ID: 0006_motions
Revises: 0004_staff
Create Date: 2026-11-23 11:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0006_motions'
down_revision = '0004_staff'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('councils',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('folded_name', sa.String(length=120), nullable=False),
    sa.Column('tier', sa.String(length=10), nullable=False),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_councils'))
    )
    op.create_index(op.f('ix_councils_folded_name'), 'councils', ['folded_name'], unique=False)
    op.create_table('council_constituencies',
    sa.Column('council_code', sa.String(length=12), nullable=False),
    sa.Column('constituency_code', sa.String(length=12), nullable=False),
    sa.Column('constituency_name', sa.String(length=120), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('council_code', 'constituency_code', name=op.f('pk_council_constituencies'))
    )
    op.create_table('motion_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('token_expires_at', sa.DateTime(), nullable=False),
    sa.Column('campaign', sa.String(length=80), nullable=False),
    sa.Column('council_code', sa.String(length=12), nullable=False),
    sa.Column('council_name', sa.String(length=120), nullable=False),
    sa.Column('authority_code', sa.String(length=12), nullable=True),
    sa.Column('authority_name', sa.String(length=120), nullable=True),
    sa.Column('meeting', sa.String(length=20), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=True),
    sa.Column('tabled_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('minutes_url', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion_reports')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_motion_reports_submission_key')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_motion_reports_token_hash'))
    )
    op.create_index('ix_motion_reports_campaign_tabled', 'motion_reports', ['campaign', 'tabled_on'], unique=False)
    op.create_table('motion_proposers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('proposer_name', sa.String(length=200), nullable=False),
    sa.Column('proposer_ward', sa.String(length=200), nullable=False),
    sa.Column('party', sa.String(length=120), nullable=True),
    sa.Column('seconder_name', sa.String(length=200), nullable=True),
    sa.Column('seconder_ward', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['motion_reports.id'],
                            name=op.f('fk_motion_proposers_report_id_motion_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion_proposers'))
    )
    op.create_index(op.f('ix_motion_proposers_report_id'), 'motion_proposers', ['report_id'], unique=False)
    op.create_index(op.f('ix_motion_proposers_email'), 'motion_proposers', ['email'], unique=False)
    op.create_index(op.f('ix_motion_proposers_created_at'), 'motion_proposers', ['created_at'], unique=False)


def downgrade():
    op.drop_table('motion_proposers')
    op.drop_index('ix_motion_reports_campaign_tabled', table_name='motion_reports')
    op.drop_table('motion_reports')
    op.drop_table('council_constituencies')
    op.drop_index(op.f('ix_councils_folded_name'), table_name='councils')
    op.drop_table('councils')
