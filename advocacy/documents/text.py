"""Plain-text renderings: what goes into an email body, a mailto: link, an .eml file and the copy box.

No print typography here: straight quotes and ordinary spaces survive every mail client and web form.
The sender's address goes under the name, as in an email to an MP, who needs it to confirm that the
writer is a constituent.
"""

from __future__ import annotations

from .content import Letter, Motion
from .markdown import to_text


def letter_text(letter: Letter) -> str:
    lines = [f"{letter.salutation},", "", to_text(letter.body), "", f"{letter.sign_off},", "",
             letter.sender_name, *letter.sender_address_block]
    if letter.sender_email:
        lines.append(letter.sender_email)
    return "\n".join(lines) + "\n"


def motion_text(motion: Motion) -> str:
    lines = [motion.title, f"{motion.council}: {motion.heading_line}", "", to_text(motion.body), ""]
    lines += [f"{role}: {who}" for role, who in motion.signatures if who]
    return "\n".join(lines) + "\n"
