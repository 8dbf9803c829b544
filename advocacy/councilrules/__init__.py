"""Council rules for motions: notice periods, seconders, where motions go, upcoming Full Council dates,
and the deadline arithmetic that turns them into "notice must reach democratic services by ...".

    deadlines_for(code, today) -> CouncilDeadlines | None   (rules + meetings still open for notice)
    notice_deadline(meeting, days, kind)                     (plain date arithmetic, deadlines.py)
    import_rules(file) -> RulesImportReport                  (CSV; bad rows reported, good rows saved)
    save_rules(RulesInput, by=...)                           (staff edits; each kept in the history)
    delete_rules(code, by=...), rules_history(code)          (deletions kept in the history too)
"""

from __future__ import annotations

from .deadlines import MeetingDeadline, is_working_day, london_today, notice_deadline, upcoming_deadlines
from .importer import RowProblem, RulesFileRejected, RulesImportReport, import_rules
from .models import CouncilMeeting, CouncilRules, CouncilRulesChange
from .service import (CouncilDeadlines, RulesInput, all_rules, deadlines_for, delete_rules, get_rules, rules_history,
                      save_rules)

__all__ = ["CouncilDeadlines", "CouncilMeeting", "CouncilRules", "CouncilRulesChange", "MeetingDeadline",
           "RowProblem", "RulesFileRejected", "RulesImportReport", "RulesInput", "all_rules", "deadlines_for",
           "delete_rules", "get_rules", "import_rules", "is_working_day", "london_today", "notice_deadline",
           "rules_history", "save_rules", "upcoming_deadlines"]


def init_app(app) -> None:
    from . import cli

    cli.init_app(app)
