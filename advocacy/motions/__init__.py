"""Council motions: find a council, draft the campaign's motion with its figures and MPs, download it,
and follow it from tabled to passed through a private report-back link.

    finder     search_councils, get_council, councils_for_postcode, authority_for, mps_for_council
    registers  import_councils (GOV.UK register), import_constituencies (DfE mp_lookup.csv),
               replace_councils, replace_constituencies (the data release)
    service    MotionDraft -> build_motion -> render_download / record_download
    tracking   create_report, report_for_token, save_report, public_record, report_counts
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import cli

    cli.init_app(app)
