"""did your MP reply? for every channel: consent on the letter, when it left us, reply links without a request

Revision ID: 0014_phone
Revises: 0015_motion_outcomes
Create Date: 2026-12-02 14:15:00

``letter_drafts``: ``follow_up_consent`` (the writer agreed to be asked once), ``taken_at`` (the first PDF,
email draft, .eml or "I've sent it": the follow-up counts its days from there), ``follow_up_key`` (set once
asked: each letter is asked about once). ``send_requests.follow_up_consent``: "send it for me" asks only
with consent too. ``follow_up_results.token_hash`` / ``expires_at``: the hashed reply link of a letter the
resident sent themselves (no send request to hang a token on); no personal data, like the rest of the table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_phone'
down_revision = '0015_motion_outcomes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('letter_drafts') as batch_op:
        batch_op.add_column(sa.Column('follow_up_consent', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('taken_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('follow_up_key', sa.String(length=32), nullable=True))
        batch_op.create_index('ix_letter_drafts_follow_up_due', ['follow_up_consent', 'follow_up_key'], unique=False)
    with op.batch_alter_table('send_requests') as batch_op:
        batch_op.add_column(sa.Column('follow_up_consent', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('follow_up_results') as batch_op:
        batch_op.add_column(sa.Column('token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint('uq_follow_up_results_token_hash', ['token_hash'])


def downgrade():
    with op.batch_alter_table('follow_up_results') as batch_op:
        batch_op.drop_constraint('uq_follow_up_results_token_hash', type_='unique')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('token_hash')
    with op.batch_alter_table('send_requests') as batch_op:
        batch_op.drop_column('follow_up_consent')
    with op.batch_alter_table('letter_drafts') as batch_op:
        batch_op.drop_index('ix_letter_drafts_follow_up_due')
        batch_op.drop_column('follow_up_key')
        batch_op.drop_column('taken_at')
        batch_op.drop_column('follow_up_consent')
