"""Every setting the app reads, with its default, in one place.

Settings come from environment variables named ``ADVOCACY_*``. Tests and embedders can pass the same
names to ``create_app(config)``. A setting that cannot be parsed stops start-up with one line that names
it, because a typo in a deployment should fail loudly at boot, not later in a resident's journey.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

UPLOAD_MAX_BYTES = 15 * 1024 * 1024  # staff CSV uploads; the largest official file is about 1 MB
MAX_FIELD_BYTES = 500_000  # one typed form field, in bytes (UTF-8)


class ConfigError(SystemExit):
    """A bad setting. A SystemExit so the CLI and WSGI servers print just this line, no traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Configuration error: {message}")
        self.message = message


# --- parsers: each takes the raw string and returns a value or raises ValueError with a hint ---

def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("is not an http(s) URL, e.g. https://api.example.org")
    return value.rstrip("/")


def _database_url(value: str) -> str:
    if "://" not in value:
        raise ValueError("is not a database URL, e.g. sqlite:///path/app.db or postgresql+psycopg://host/db")
    scheme = value.split("://", 1)[0]
    if not (scheme.startswith("sqlite") or scheme.startswith("postgresql")):
        raise ValueError("must be a sqlite:// or postgresql+psycopg:// URL")
    return value


def _redis_url(value: str) -> str:
    if urlsplit(value).scheme not in ("redis", "rediss", "unix"):
        raise ValueError("is not a Redis URL, e.g. redis://127.0.0.1:6379/0")
    return value


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("is not a number of seconds, e.g. 5") from None
    if number <= 0:
        raise ValueError("must be more than 0")
    return number


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError("is not a whole number") from None
    if number <= 0:
        raise ValueError("must be more than 0")
    return number


def _port(value: str) -> int:
    number = _positive_int(value)
    if number > 65535:
        raise ValueError("is not a port number (1 to 65535)")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError("is not a whole number") from None
    if number < 0:
        raise ValueError("must be 0 or more")
    return number


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("must be true or false")


def _choice(*options: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(f"must be one of: {', '.join(options)}")
        return value
    return parse


def _text(value: str) -> str:
    return value


def _rate_limit(value: str) -> str:
    from limits import parse

    try:
        parse(value)
    except ValueError:
        raise ValueError("is not a rate limit, e.g. 5 per 15 minutes") from None
    return value


def _mail_from(value: str) -> str:
    from email.utils import parseaddr

    if any(ord(ch) < 32 for ch in value):
        raise ValueError("must be on one line")
    _, address = parseaddr(value)
    local, _, domain = address.rpartition("@")
    if not local or not domain or any(ch.isspace() for ch in address):
        raise ValueError('is not an email address, e.g. "Campaign name <letters@example.org>"')
    return value
def _date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("is not a date in the form YYYY-MM-DD, e.g. 2029-05-01") from None


def _path(value: str) -> Path:
    return Path(value).expanduser()


@dataclass(frozen=True)
class Setting:
    name: str
    parse: Callable[[str], Any]
    default: str | None  # raw string default, parsed like any other value; None = unset/optional
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("ADVOCACY_DATABASE_URL", _database_url, None,
            "SQLAlchemy URL. Default: SQLite file instance/advocacy.sqlite3"),
    Setting("ADVOCACY_SECRET_KEY", _text, None,
            "Signs sessions and CSRF tokens. Default: random, generated once into instance/secret_key"),
    Setting("ADVOCACY_POSTCODES_API_URL", _url, "https://api.postcodes.io", "postcodes.io base URL"),
    Setting("ADVOCACY_MEMBERS_API_URL", _url, "https://members-api.parliament.uk/api",
            "UK Parliament Members API base URL"),
    Setting("ADVOCACY_GOVUK_API_URL", _url, "https://www.gov.uk/api", "GOV.UK local authority API base URL"),
    Setting("ADVOCACY_GOVUK_CACHE_SECONDS", _positive_float, str(30 * 24 * 3600),
            "How long a GOV.UK local authority answer is reused (default 30 days)"),
    Setting("ADVOCACY_COUNCIL_SLUGS_CSV", _path, None,
            "GOV.UK's local-links-manager local-authorities.csv, to give councils picked by address their GSS "
            "code. Default: none (codes only when postcodes.io names the same council)"),
    Setting("ADVOCACY_DATA_SOURCE_URL", _url, None,
            "Where `data update` downloads the official files from: a base URL holding them under their own "
            "names (an intranet mirror). Default: none (each publisher's URL in the data release manifest)"),
    Setting("ADVOCACY_DISSOLUTION_FROM", _date, None,
            "First day Parliament is dissolved for a general election (YYYY-MM-DD). Default: none"),
    Setting("ADVOCACY_DISSOLUTION_UNTIL", _date, None,
            "Polling day of that election (YYYY-MM-DD): MPs are looked up again from the day after. Default: none"),
    Setting("ADVOCACY_HTTP_CONNECT_TIMEOUT", _positive_float, "3", "Seconds to wait to connect to an API"),
    Setting("ADVOCACY_HTTP_READ_TIMEOUT", _positive_float, "5", "Seconds to wait for an API's answer"),
    Setting("ADVOCACY_HTTP_RETRIES", _positive_int, "2",
            "Retries (with backoff) after a connection error or 5xx answer from an API; never after a 4xx"),
    Setting("ADVOCACY_POSTCODE_CACHE_SECONDS", _positive_float, str(30 * 24 * 3600),
            "How long a postcodes.io answer is reused (default 30 days)"),
    Setting("ADVOCACY_MP_CACHE_SECONDS", _positive_float, str(24 * 3600),
            "How long a Members API answer is reused (default 1 day)"),
    Setting("ADVOCACY_BREAKER_FAIL_MAX", _positive_int, "5",
            "Failures in a row after which an API is not called for a while (circuit breaker opens)"),
    Setting("ADVOCACY_BREAKER_RESET_SECONDS", _positive_float, "60",
            "Seconds the circuit breaker stays open before one trial request"),
    Setting("ADVOCACY_REDIS_URL", _redis_url, None,
            "Redis for HTTP cache, rate limits and jobs. Default: none (SQLite cache, in-process limits, DB queue)"),
    Setting("ADVOCACY_PUBLIC_URL", _url, None,
            "Public base URL for emailed links, private links, share snippets and embed code. Default: the "
            "address each page is requested on (set it in production: emailed links must not follow the Host "
            "header)"),
    Setting("ADVOCACY_CAMPAIGNS_DIR", _path, str(ROOT / "letters"), "Folder of campaign folders"),
    Setting("ADVOCACY_SMTP_HOST", _text, None, "SMTP server. Default: none (sending for residents is off)"),
    Setting("ADVOCACY_SMTP_PORT", _port, "587", "SMTP port"),
    Setting("ADVOCACY_SMTP_USERNAME", _text, None, "SMTP user name"),
    Setting("ADVOCACY_SMTP_PASSWORD", _text, None, "SMTP password"),
    Setting("ADVOCACY_SMTP_STARTTLS", _bool, "true", "Use STARTTLS on the SMTP connection"),
    Setting("ADVOCACY_MAIL_FROM", _mail_from, "Raise your voice <noreply@localhost>", "From address of emails sent"),
    Setting("ADVOCACY_RETENTION_DAYS", _positive_int, "90", "Days personal data is kept before purging"),
    Setting("ADVOCACY_SECURE_COOKIES", _bool, "false",
            "Mark cookies Secure and send HSTS. Set true whenever served over HTTPS"),
    Setting("ADVOCACY_LOG_LEVEL", _choice("DEBUG", "INFO", "WARNING", "ERROR"), "INFO", "Log level"),
    Setting("ADVOCACY_DEMO", _bool, "false", "Show the demo banner (set by `make demo`)"),
    Setting("ADVOCACY_PDF_CACHE_SIZE", _positive_int, "128", "Finished PDFs kept in memory per process"),
    Setting("ADVOCACY_PDF_CACHE_DIR", _path, None,
            "Folder that also keeps finished PDFs for 24 hours, shared by workers. Default: none (memory only)"),
    Setting("ADVOCACY_SIGNIN_LIMIT", _rate_limit, "5 per 15 minutes",
            "Failed staff sign-ins allowed per address before that address is refused for a while (and per "
            "account before the account is slowed down)"),
    Setting("ADVOCACY_SIGNIN_ACCOUNT_PACE", _rate_limit, "1 per 5 seconds",
            "Sign-in attempts an account accepts, from anywhere, once it has had ADVOCACY_SIGNIN_LIMIT failures"),
    Setting("ADVOCACY_LOOKUP_LIMIT", _rate_limit, "30 per minute",
            "Postcode look-ups allowed per address (the campaign page's form)"),
    Setting("ADVOCACY_FORM_LIMIT", _rate_limit, "30 per minute",
            "Public form submissions allowed per address (manual MP path, letters, motions)"),
    Setting("ADVOCACY_DOWNLOAD_LIMIT", _rate_limit, "60 per minute",
            "Downloads allowed per address (PDF, .eml, Word, CSV exports)"),
    Setting("ADVOCACY_API_LIMIT", _rate_limit, "60 per minute", "JSON API requests allowed per address"),
    Setting("ADVOCACY_STAFF_SESSION_HOURS", _positive_int, "8", "Hours a staff sign-in lasts"),
    Setting("ADVOCACY_PROGRESS_CACHE_SECONDS", _positive_int, "60",
            "Seconds the public progress page's counts are reused before they are counted again"),
    Setting("ADVOCACY_PAGE_CACHE_SECONDS", _count, "60",
            "Seconds a public page (campaign, progress, embed, motions list, share card) is served from the "
            "cache and may be kept by browsers and proxies; 0 turns the cache off"),
    Setting("ADVOCACY_CAMPAIGN_CHECK_SECONDS", _positive_float, "5",
            "Seconds each worker goes without asking the database whether staff changed a campaign"),
    Setting("ADVOCACY_CASE_STUDY_LIMIT", _rate_limit, "5 per hour",
            "Case studies one address may send before the form refuses more for a while"),
    Setting("ADVOCACY_PROXY_HOPS", _count, "0",
            "Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host headers are trusted"),
    Setting("ADVOCACY_SEND_LIMIT_PER_IP", _rate_limit, "20 per hour",
            "\"Send it for me\" requests allowed from one address"),
    Setting("ADVOCACY_SEND_LIMIT_PER_EMAIL", _rate_limit, "5 per day",
            "\"Send it for me\" requests allowed for one resident email address"),
    Setting("ADVOCACY_MP_DAILY_ALERT", _positive_int, "50",
            "Letters sent to one MP in one day above which staff see an alert"),
    Setting("ADVOCACY_SEND_MAX_ATTEMPTS", _positive_int, "8",
            "Delivery attempts of one email before it is marked failed (temporary errors are retried)"),
    Setting("ADVOCACY_SEND_RETRY_SECONDS", _positive_float, "60",
            "Wait before the first retry after a temporary failure; doubles each time"),
    Setting("ADVOCACY_SMTP_TIMEOUT", _positive_float, "30", "Seconds to wait for the SMTP server"),
    Setting("ADVOCACY_FOLLOW_UP_DAYS", _positive_int, "14",
            "Days after a letter is sent before the resident is asked whether their MP replied"),
    Setting("ADVOCACY_WORKER_POLL_SECONDS", _positive_float, "5",
            "How often `flask --app advocacy worker` looks for due emails"),
    Setting("ADVOCACY_MOTION_LINK_DAYS", _positive_int, "365",
            "Days a councillor's private link to report on their motion keeps working"),
)


def parse_settings(source: Mapping[str, Any]) -> dict[str, Any]:
    """Parse every known setting from ``source`` (env-like mapping). Raises ConfigError on the first bad one."""
    parsed = _parse_each(source)
    start, end = parsed["ADVOCACY_DISSOLUTION_FROM"], parsed["ADVOCACY_DISSOLUTION_UNTIL"]
    if end is not None and start is None:
        raise ConfigError("ADVOCACY_DISSOLUTION_UNTIL is set but ADVOCACY_DISSOLUTION_FROM is not: set both, "
                          "the day Parliament is dissolved and polling day")
    if start is not None and end is not None and end < start:
        raise ConfigError(f"ADVOCACY_DISSOLUTION_UNTIL={end.isoformat()} is before "
                          f"ADVOCACY_DISSOLUTION_FROM={start.isoformat()}")
    return parsed


def _parse_each(source: Mapping[str, Any]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = source.get(setting.name)
        if raw is None or raw == "":
            raw = setting.default
        if raw is None:
            parsed[setting.name] = None
            continue
        if not isinstance(raw, str):  # tests may pass real values (a Path, a float): trust them
            parsed[setting.name] = raw
            continue
        try:
            parsed[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{setting.name}={raw!r} {exc}") from None
    return parsed


def secret_key_from_instance(instance_path: Path) -> str:
    """Read the instance's secret key, generating it on first use. Never a hard-coded key."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def flask_config(settings: Mapping[str, Any], instance_path: Path) -> dict[str, Any]:
    """Translate parsed settings into the keys Flask and its extensions read."""
    database_url = settings["ADVOCACY_DATABASE_URL"] or f"sqlite:///{instance_path / 'advocacy.sqlite3'}"
    secure = settings["ADVOCACY_SECURE_COOKIES"]
    return {
        **settings,
        "SECRET_KEY": settings["ADVOCACY_SECRET_KEY"] or secret_key_from_instance(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # A server database can restart or drop idle connections: test each one as it leaves the pool.
        "SQLALCHEMY_ENGINE_OPTIONS": {} if database_url.startswith("sqlite") else {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Whole-request cap: the largest legitimate body is a staff CSV upload (plus the form around it).
        "MAX_CONTENT_LENGTH": UPLOAD_MAX_BYTES + 1024 * 1024,
        # Any one typed field (Werkzeug's default is 500 kB); the longest legitimate one is a staff template.
        "MAX_FORM_MEMORY_SIZE": MAX_FIELD_BYTES,
        "WTF_CSRF_TIME_LIMIT": None,
        # Only staff sessions are made permanent, so this is how long a staff sign-in lasts.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=settings["ADVOCACY_STAFF_SESSION_HOURS"]),  # a resident may take an hour over a letter; the token is session-bound
    }
