"""Action records: one row per letter or motion produced or sent. Counts come only from here.

No personal data lives in this table, so personal data can be purged while every count survives.
"""

from .models import Action, ActionAsk, CHANNELS, KINDS
from .record import Place, record_action

__all__ = ["Action", "ActionAsk", "CHANNELS", "KINDS", "Place", "record_action"]
