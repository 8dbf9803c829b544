"""editor: outbox emails about another email ("send it yourself"), council rules history

Revision ID: 0019_editor
Revises: 0011_council_register
Create Date: 2026-12-02 14:15:00

``outbox_messages.about_id``: the failed letter a "send it yourself" email to the resident carries as
attachments. ``council_rules_changes``: every save and deletion of a council's motion rules, with what the
rules were, so a deletion can be seen and undone by hand (public information, no personal data beyond the
staff member's address).
"""
from alembic import op
import sqlalchemy as sa


revision = '0019_editor'
down_revision = '0011_council_register'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.add_column(sa.Column('about_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_outbox_messages_about_id', 'outbox_messages', ['about_id'], ['id'],
                                    ondelete='SET NULL')
    op.create_table(
        'council_rules_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('council_code', sa.String(length=12), nullable=False),
        sa.Column('council_name', sa.String(length=120), nullable=False),
        sa.Column('change', sa.String(length=10), nullable=False),
        sa.Column('rules_json', sa.Text(), nullable=False),
        sa.Column('changed_by', sa.String(length=320), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_council_rules_changes_council_code', 'council_rules_changes', ['council_code'])


def downgrade():
    op.drop_index('ix_council_rules_changes_council_code', table_name='council_rules_changes')
    op.drop_table('council_rules_changes')
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.drop_constraint('fk_outbox_messages_about_id', type_='foreignkey')
        batch_op.drop_column('about_id')
