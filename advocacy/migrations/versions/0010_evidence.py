"""evidence packs and council rules: asks chosen per action, council rules for motions and their meetings,
seconder links for motions

Revision ID: 0010_evidence
Revises: 0009_elections
Create Date: 2026-11-23 11:30:00

New tables only: `actions` is not altered (its triggers from 0004_staff stay in place).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_evidence'
down_revision = '0009_elections'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('action_asks',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('ask_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_action_asks_action_id_actions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'ask_id', name=op.f('pk_action_asks'))
    )
    op.create_table('council_rules',
    sa.Column('council_code', sa.String(length=12), nullable=False),
    sa.Column('council_name', sa.String(length=120), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('notice_kind', sa.String(length=10), nullable=False),
    sa.Column('seconder_required', sa.Boolean(), nullable=False),
    sa.Column('democratic_services_email', sa.String(length=320), nullable=True),
    sa.Column('last_checked', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=320), nullable=False),
    sa.PrimaryKeyConstraint('council_code', name=op.f('pk_council_rules'))
    )
    op.create_table('council_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_code', sa.String(length=12), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('meeting_name', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['council_code'], ['council_rules.council_code'],
                            name=op.f('fk_council_meetings_council_code_council_rules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_meetings')),
    sa.UniqueConstraint('council_code', 'meeting_date', 'meeting_name', name='uq_council_meetings_date')
    )
    with op.batch_alter_table('council_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_meetings_council_code'), ['council_code'], unique=False)
    op.create_table('motion_seconder_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['motion_reports.id'],
                            name=op.f('fk_motion_seconder_invites_report_id_motion_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion_seconder_invites')),
    sa.UniqueConstraint('report_id', name=op.f('uq_motion_seconder_invites_report_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_motion_seconder_invites_token_hash'))
    )


def downgrade():
    op.drop_table('motion_seconder_invites')
    with op.batch_alter_table('council_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_meetings_council_code'))
    op.drop_table('council_meetings')
    op.drop_table('council_rules')
    op.drop_table('action_asks')
