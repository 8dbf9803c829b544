"""failed emails that may have arrived: outbox_messages.outcome_unknown

Revision ID: 0020_uncertain_sends
Revises: 0014_phone
Create Date: 2026-12-09 10:00:00

``outbox_messages.outcome_unknown``: true for a failed email whose worker stopped while sending it, so it
may have reached the recipient. Staff are warned and must accept a possible duplicate before sending it
again. Failed emails already waiting for staff are marked once, here, by the words the worker wrote for
exactly these two cases (before this column there was nothing else to go on); from now on the worker sets
the column itself and nothing reads the words.
"""
from alembic import op
import sqlalchemy as sa


revision = '0020_uncertain_sends'
down_revision = '0014_phone'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.add_column(sa.Column('outcome_unknown', sa.Boolean(), nullable=False, server_default=sa.false()))
    outbox = sa.table('outbox_messages', sa.column('status', sa.String), sa.column('last_error', sa.Text),
                      sa.column('outcome_unknown', sa.Boolean))
    # queue.fail_abandoned's reason, and deliver_message's for an unexpected error mid-send
    op.execute(outbox.update()
               .where(outbox.c.status == 'failed',
                      sa.or_(outbox.c.last_error.like('%worker stopped while sending%'),
                             outbox.c.last_error.like('%in case the email did arrive%')))
               .values(outcome_unknown=sa.true()))


def downgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.drop_column('outcome_unknown')
