"""Building emails and handing them to an SMTP server.

Every header value goes through ``documents.email``'s checks (no line breaks or control characters,
valid addresses) before Python's ``email`` package encodes it, and the SMTP envelope names exactly one
recipient, so nothing a resident types can add a header or another recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence

from ..documents.email import check_address, check_header_value
from .failures import redact_addresses


class DeliveryError(Exception):
    """Sending failed. ``temporary`` failures are retried later; permanent ones are not. The reason never
    holds an email address (servers quote the one they refused): it is kept and shown to staff."""

    def __init__(self, reason: str, *, temporary: bool, outcome_unknown: bool = False) -> None:
        reason = redact_addresses(reason)
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary
        # The whole message reached the server but its answer did not reach us: it may have been accepted,
        # so sending it again could send it twice (RFC 1047). Never retried by itself.
        self.outcome_unknown = outcome_unknown


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 30.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "SmtpSettings | None":
        """The app's SMTP settings, or None when ADVOCACY_SMTP_HOST is not set (sending is off)."""
        if not config.get("ADVOCACY_SMTP_HOST"):
            return None
        return cls(host=config["ADVOCACY_SMTP_HOST"], port=config["ADVOCACY_SMTP_PORT"],
                   username=config.get("ADVOCACY_SMTP_USERNAME"), password=config.get("ADVOCACY_SMTP_PASSWORD"),
                   starttls=config["ADVOCACY_SMTP_STARTTLS"], timeout=config.get("ADVOCACY_SMTP_TIMEOUT") or 30.0)


def sender_from_config(config: Mapping[str, Any]) -> tuple[str, str]:
    """(display name, address) of ADVOCACY_MAIL_FROM, e.g. ("Raise your voice", "noreply@example.org")."""
    # Checked when the app starts (config._mail_from). Not through email_validator: a server's own
    # sender may rightly be noreply@localhost, which that library refuses.
    name, address = parseaddr(config["ADVOCACY_MAIL_FROM"])
    return name, address


def build_email(*, to_address: str, to_name: str, from_address: str, from_name: str, reply_to: str | None,
                subject: str, body: str, message_id: str, automated: bool, date: datetime | None = None,
                attachments: Sequence[Any] = ()) -> EmailMessage:
    """A plain-text UTF-8 email, with ``attachments`` (``outbox.Attachment``) if any. Raises HeaderError if
    any header value is unsafe."""
    message = EmailMessage(policy=SMTP)
    message["From"] = formataddr((check_header_value("sender name", from_name),
                                  check_header_value("sender address", from_address)))
    message["To"] = formataddr((check_header_value("recipient name", to_name),
                                check_address("recipient address", to_address)))
    if reply_to:
        message["Reply-To"] = check_address("reply-to address", reply_to)
    message["Subject"] = check_header_value("subject", subject)
    message["Date"] = format_datetime(date or datetime.now(timezone.utc))
    domain = from_address.rpartition("@")[2]
    # Stable per outbox message: if a server ever sees the same message twice it can tell.
    message["Message-ID"] = f"<{check_header_value('message id', message_id)}@{domain}>"
    if automated:  # RFC 3834: out-of-office robots should not answer confirmations and follow-ups
        message["Auto-Submitted"] = "auto-generated"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    for item in attachments:
        message.add_attachment(item.content, maintype=item.maintype, subtype=item.subtype, filename=item.filename)
    return message


def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _reply_text(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


class _SMTP(smtplib.SMTP):
    """smtplib's client, noting when the whole message has gone: smtplib sends the message and the line
    that ends it ("." alone) in one call, and no command ends that way."""

    handed_over = False

    def send(self, s) -> None:  # noqa: ANN001 - smtplib's own signature
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


def _hang_up(smtp: smtplib.SMTP) -> None:
    # Once the server has accepted the message, a failed goodbye must not count as a failed delivery:
    # that would send the email again.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def send_email(message: EmailMessage, *, envelope_from: str, recipient: str, settings: SmtpSettings) -> None:
    """Hand ``message`` to the SMTP server for exactly one ``recipient``. Raises DeliveryError."""
    smtp: _SMTP | None = None
    try:
        smtp = _SMTP(settings.host, settings.port, timeout=settings.timeout)
        try:
            smtp.ehlo()
            if settings.starttls:
                smtp.starttls(context=_tls_context())
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            refused = smtp.send_message(message, from_addr=envelope_from, to_addrs=[recipient])
            if refused:  # only possible with several recipients; kept for safety
                code, text = next(iter(refused.values()))
                raise DeliveryError(_reply_text(code, text), temporary=400 <= code < 500)
        finally:
            _hang_up(smtp)
    except DeliveryError:
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise DeliveryError(f"The recipient was refused: {_reply_text(code, text)}",
                            temporary=400 <= code < 500) from None
    except smtplib.SMTPAuthenticationError as exc:
        # Our settings, not this email, are wrong: retry, so the email goes once they are fixed.
        raise DeliveryError(f"The SMTP server refused the user name or password ({_reply_text(exc.smtp_code, exc.smtp_error)}). "
                            "Check ADVOCACY_SMTP_USERNAME and ADVOCACY_SMTP_PASSWORD.", temporary=True) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"The SMTP server does not support {exc}: check ADVOCACY_SMTP_STARTTLS and the "
                            "user name settings.", temporary=True) from None
    except smtplib.SMTPServerDisconnected as exc:
        _unless_handed_over(smtp, exc)
        raise DeliveryError(f"The SMTP server closed the connection: {exc}", temporary=True) from None
    except smtplib.SMTPResponseException as exc:
        code = exc.smtp_code
        temporary = not (500 <= code < 600)  # 4xx and odd codes (-1: no answer) are worth another try
        raise DeliveryError(_reply_text(code, exc.smtp_error), temporary=temporary) from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"SMTP error: {exc}", temporary=True) from None
    except OSError as exc:  # refused connection, DNS failure, timeout, TLS failure (after SMTPException: one)
        _unless_handed_over(smtp, exc)
        raise DeliveryError(f"Could not reach the SMTP server {settings.host}:{settings.port}: {exc}",
                            temporary=True) from None


def _unless_handed_over(smtp: _SMTP | None, exc: OSError) -> None:
    """The connection failed; if it failed after the whole message went, waiting for the server's answer,
    the email may have been accepted: say so, and that it must not be sent again by itself."""
    if smtp is not None and smtp.handed_over:
        raise DeliveryError(f"The connection to the SMTP server was lost after the whole email was handed over, "
                            f"before the server said whether it accepted it ({exc}). It may have arrived, so it "
                            "was not sent again.", temporary=False, outcome_unknown=True) from None
