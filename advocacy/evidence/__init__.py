"""Evidence packs: for any constituency or council, what residents asked for, as counts only.

    build_pack(campaign, "constituency" | "council", code) -> EvidencePack
    pack_pdf(pack), pack_csv(pack)
    letters_by_constituency(campaign) -> the staff list (most letters, and none)

Counts come only from the action records; numbers from 1 to 4 print as "fewer than 5".
"""

from __future__ import annotations

from .pack import EvidencePack, UnknownPlace, build_pack
from .render import pack_csv, pack_html, pack_pdf

__all__ = ["EvidencePack", "UnknownPlace", "build_pack", "pack_csv", "pack_html", "pack_pdf"]


def init_app(app) -> None:
    from . import cli

    cli.init_app(app)
