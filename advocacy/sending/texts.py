"""The words of the emails and messages residents get. Plain text: links are written out in full."""

from __future__ import annotations

STATUS_LABELS = {
    "awaiting_confirmation": "Waiting for you to confirm your email address",
    "queued": "Confirmed: your letter is on its way",
    "sent": "Sent to your MP",
    "failed": "Could not be sent",
}


def confirmation_subject(mp_name: str) -> str:
    return f"Confirm your email so we can send your letter to {mp_name}"


def confirmation_body(*, name: str, mp_name: str, campaign_title: str, link: str, status_link: str,
                      letter_subject: str, letter_body: str) -> str:
    return f"""Hello {name},

You asked us to send your letter to {mp_name} for you ({campaign_title}).

To send it, open this link and press "Send my letter":

{link}

The link works once, for 24 hours. Nothing is sent to your MP until you confirm.
Your MP will see your name and address in the letter, and replies will come to this email address.

If you did not ask for this, ignore this email: nothing will be sent.

See where your letter is at any time: {status_link}

This is the letter that will be sent:

Subject: {letter_subject}

{letter_body}
"""


def already_written(mp_name: str, status: str) -> str:
    if status == "awaiting_confirmation":
        return (f"You have already asked us to send a letter to {mp_name} for this campaign, and it is waiting "
                "for you to confirm your email address. Look for our email (check your spam folder too) and "
                "press the link in it. The link works for 24 hours; after that you can ask again.")
    return (f"You have already written to {mp_name} for this campaign from this email address, so we have not "
            "sent another letter: MPs count one letter per constituent, and a second copy can make both "
            "count for less. You can still download your letter or send it yourself from your own email.")


def follow_up_subject(mp_name: str) -> str:
    return f"Did {mp_name} reply to your letter?"


def follow_up_body(*, name: str, mp_name: str, campaign_title: str, sent_on: str, links: dict[str, str]) -> str:
    return f"""Hello {name},

On {sent_on} we sent your letter to {mp_name} for you ({campaign_title}).

Did your MP reply? One click tells the campaign, and helps it know which MPs are listening:

Yes, my MP replied: {links["yes"]}

No, no reply: {links["no"]}

Not yet: {links["not_yet"]}

We will not ask again. Your answer is counted without your name or address.
"""


def new_mp_subject(constituency: str) -> str:
    return f"The new MP for {constituency} is known"


def new_mp_body(*, mp_name: str, mp_party: str | None, constituency: str, campaign_title: str, link: str) -> str:
    who = f"{mp_name}, {mp_party}" if mp_party else mp_name
    return f"""Hello,

During the general election you asked us to tell you when the new MP for {constituency} was known.

Your MP is now {who}.

To write to them about {campaign_title}, start here:

{link}

This is the only reminder we send. We have deleted your email address from our reminder list.
"""


def motion_link_subject(council_name: str) -> str:
    return f"Your private link to report on your motion at {council_name}"


def motion_link_body(*, proposer_name: str, council_name: str, meeting: str, campaign_title: str, link: str,
                     expires_on: str) -> str:
    return f"""Hello {proposer_name},

You drafted the {campaign_title} motion for {meeting} at {council_name}.

When it is tabled, use this private link to tell us the date, how the vote went and where the minutes are:

{link}

The link works until {expires_on}. Anyone with it can report on this motion, so do not share it.

If you did not draft this motion, ignore this email.
"""


def send_yourself_subject(mp_name: str) -> str:
    return f"We could not send your letter to {mp_name}: here it is to send yourself"


def send_yourself_body(*, name: str, mp_name: str, mp_email: str, campaign_title: str) -> str:
    greeting = f"Hello {name}," if name else "Hello,"
    return f"""{greeting}

You asked us to send your letter to {mp_name} for you ({campaign_title}), but we could not send it: \
their email server would not take it from us.

Your letter is attached, so you can send it yourself:

- letter.eml: open it and your email program shows it as a draft to {mp_email}. Press Send.
- letter.pdf (when attached): print it and post it to {mp_name}, House of Commons, London SW1A 0AA.

Or copy the text of the letter into a new email to {mp_email}.

Thank you for writing.
"""
