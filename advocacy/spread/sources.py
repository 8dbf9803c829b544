"""What spreading the word needs from other capabilities, in one place.

``passed_motions`` is the single point where the progress page reads which councils passed the motion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PassedMotion:
    council_code: str | None
    council_name: str
    passed_on: dt.date | None
    region: str | None = None
    amended: bool = False  # passed with amendments


def passed_motions(campaign: str) -> list[PassedMotion] | None:
    """Councils that reported passing the campaign's motion, most recent first.

    None while nothing records motion reports: the progress page then counts motion downloads instead.
    To be answered by the motions capability's reports (advocacy.motions).
    """
    return None
