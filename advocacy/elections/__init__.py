"""Election periods: when Parliament is dissolved there are no MPs, so no letter may be addressed to one;
residents are offered the council route and a reminder email for when their new MP is known.

Public interface: ``parliament_dissolved`` (None, or a ``Dissolution``), ``ask_for_reminder``,
``reminders_ready`` and ``reminder_sent`` (for the sending work), ``mp_letter_refusal``.
"""

from .dissolution import Dissolution, mp_letter_refusal, parliament_dissolved
from .reminders import ReadyReminder, ask_for_reminder, reminder_sent, reminders_ready

__all__ = ["Dissolution", "ReadyReminder", "ask_for_reminder", "mp_letter_refusal", "parliament_dissolved",
           "reminder_sent", "reminders_ready"]
