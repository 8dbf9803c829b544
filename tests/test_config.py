import pytest

from advocacy import create_app
from advocacy.config import ConfigError, parse_settings


def test_defaults_point_at_the_real_public_apis():
    settings = parse_settings({})
    assert settings["ADVOCACY_POSTCODES_API_URL"] == "https://api.postcodes.io"
    assert settings["ADVOCACY_MEMBERS_API_URL"] == "https://members-api.parliament.uk/api"
    assert settings["ADVOCACY_HTTP_READ_TIMEOUT"] == 5.0
    assert settings["ADVOCACY_REDIS_URL"] is None
    assert settings["ADVOCACY_RETENTION_DAYS"] == 90


def test_environment_values_are_parsed_to_their_types():
    settings = parse_settings({
        "ADVOCACY_POSTCODES_API_URL": "http://127.0.0.1:8001/",
        "ADVOCACY_HTTP_CONNECT_TIMEOUT": "0.5",
        "ADVOCACY_SMTP_STARTTLS": "no",
        "ADVOCACY_REDIS_URL": "redis://127.0.0.1:6379/0",
    })
    assert settings["ADVOCACY_POSTCODES_API_URL"] == "http://127.0.0.1:8001"  # trailing slash dropped
    assert settings["ADVOCACY_HTTP_CONNECT_TIMEOUT"] == 0.5
    assert settings["ADVOCACY_SMTP_STARTTLS"] is False
    assert settings["ADVOCACY_REDIS_URL"] == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ADVOCACY_POSTCODES_API_URL", "api.postcodes.io", "is not an http(s) URL"),
    ("ADVOCACY_MEMBERS_API_URL", "ftp://example.org", "is not an http(s) URL"),
    ("ADVOCACY_HTTP_READ_TIMEOUT", "five", "is not a number of seconds"),
    ("ADVOCACY_HTTP_CONNECT_TIMEOUT", "-1", "must be more than 0"),
    ("ADVOCACY_SMTP_PORT", "70000", "is not a port number"),
    ("ADVOCACY_SMTP_STARTTLS", "maybe", "must be true or false"),
    ("ADVOCACY_LOG_LEVEL", "LOUD", "must be one of: DEBUG, INFO, WARNING, ERROR"),
    ("ADVOCACY_DATABASE_URL", "mysql://x/y", "must be a sqlite:// or postgresql+psycopg:// URL"),
    ("ADVOCACY_REDIS_URL", "localhost:6379", "is not a Redis URL"),
    ("ADVOCACY_RETENTION_DAYS", "ninety", "is not a whole number"),
    ("ADVOCACY_MAIL_FROM", "Campaign team", "is not an email address"),
    ("ADVOCACY_MAIL_FROM", "Team <letters@example.org>\r\nBcc: x@example.org", "must be on one line"),
    ("ADVOCACY_SEND_LIMIT_PER_EMAIL", "lots", "is not a rate limit"),
    ("ADVOCACY_MP_DAILY_ALERT", "0", "must be more than 0"),
])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(name, value, says, tmp_path):
    with pytest.raises(ConfigError) as raised:
        create_app({"INSTANCE_PATH": tmp_path, name: value})
    message = str(raised.value)
    assert "\n" not in message
    assert name in message and repr(value) in message and says in message


def test_a_bad_setting_from_the_environment_is_reported_too(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVOCACY_HTTP_READ_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="ADVOCACY_HTTP_READ_TIMEOUT='soon'"):
        create_app({"INSTANCE_PATH": tmp_path})


def test_without_a_configured_key_a_random_one_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("ADVOCACY_SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": tmp_path}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": tmp_path}).config["SECRET_KEY"]
    other = create_app({"INSTANCE_PATH": tmp_path / "elsewhere"}).config["SECRET_KEY"]
    assert first == second and len(first) >= 64
    assert other != first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only


def test_the_default_database_is_a_sqlite_file_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ADVOCACY_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": tmp_path})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'advocacy.sqlite3'}"


def test_cookies_are_secure_when_configured_for_https(make_app):
    app = make_app(ADVOCACY_SECURE_COOKIES="true")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    response = app.test_client().get("/healthz")
    assert "max-age" in response.headers["Strict-Transport-Security"]
