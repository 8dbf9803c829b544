"""motion outcomes: a report is public only once verified, and every change of a report is kept

Revision ID: 0015_motion_outcomes
Revises: 0013_nations
Create Date: 2026-12-02 14:20:00

``motion_reports.verification``: "unverified" (in the staff queue, counted nowhere public), "automatic"
(minutes on the council's own website), "staff" (a member of staff checked it) or "withdrawn" (staff
found it false). Reports made before this revision start "unverified": nobody checked them.
``motion_report_changes`` is the audit trail: who, when, what.
``motion_proposers.motion_title``/``motion_body``: the motion as drafted, so the seconder's page shows the
whole motion before they agree (personal data: purged with the names).
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_motion_outcomes'
down_revision = '0013_nations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('motion_reports') as batch_op:
        batch_op.add_column(sa.Column('verification', sa.String(length=12), nullable=False,
                                      server_default='unverified'))
        batch_op.add_column(sa.Column('verified_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_motion_reports_verification', ['verification'], unique=False)
    with op.batch_alter_table('motion_proposers') as batch_op:
        batch_op.add_column(sa.Column('motion_title', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('motion_body', sa.Text(), nullable=True))
    op.create_table('motion_report_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=340), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('tabled_on', sa.Date(), nullable=True),
    sa.Column('minutes_url', sa.String(length=500), nullable=True),
    sa.Column('verification', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['motion_reports.id'],
                            name=op.f('fk_motion_report_changes_report_id_motion_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion_report_changes'))
    )
    op.create_index(op.f('ix_motion_report_changes_report_id'), 'motion_report_changes', ['report_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_motion_report_changes_report_id'), table_name='motion_report_changes')
    op.drop_table('motion_report_changes')
    with op.batch_alter_table('motion_proposers') as batch_op:
        batch_op.drop_column('motion_body')
        batch_op.drop_column('motion_title')
    with op.batch_alter_table('motion_reports') as batch_op:
        batch_op.drop_index('ix_motion_reports_verification')
        batch_op.drop_column('verified_at')
        batch_op.drop_column('verification')
