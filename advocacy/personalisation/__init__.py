"""Guided personalisation: prompts for the writer's own words, and the record of what each letter was given
(subject line, opening, asks) and whether it was personalised, for the staff dashboard.

Public interface: ``PROMPTS``, ``record_letter_choice``, ``choice_for``, ``mark_produced``,
``personalised_share``.
"""

from .record import PROMPTS, PersonalisedShare, choice_for, mark_produced, personalised_share, record_letter_choice

__all__ = ["PROMPTS", "PersonalisedShare", "choice_for", "mark_produced", "personalised_share",
           "record_letter_choice"]
