"""Shared fixtures: an app with a fresh, migrated database per test, a client and a CLI runner.

The suite runs on SQLite by default. With ``--database-url postgresql+psycopg://...`` (or
ADVOCACY_TEST_DATABASE_URL set) it runs on PostgreSQL instead: the session creates its own database on
that server, migrates it once, empties every table after each test and drops the database at the end.
Browser tests run only on SQLite (they test pages, not the database).

Migrating takes a moment, so on SQLite the suite migrates one template database per session and each
test gets its own copy of that file.
"""

from __future__ import annotations

import itertools
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from advocacy import create_app
from advocacy.db import db

# Nothing in a test may reach the internet: unconfigured API URLs point at a closed loopback port,
# so a test that forgets to start a fake server fails loudly instead of calling the real service.
UNREACHABLE = "http://127.0.0.1:9"
TEST_DATABASE_ENV = "ADVOCACY_TEST_DATABASE_URL"


class PostgresSession:
    """This test session's own database on a PostgreSQL server."""

    def __init__(self, server_url: str) -> None:
        from advocacy.devtools import postgres

        self.url = postgres.create_database(server_url, prefix=f"advocacy_test_{os.getpid()}")
        self._schemas = itertools.count(1)
        self.migrated = False

    def _connect(self):
        import psycopg

        from advocacy.devtools.postgres import _libpq_url

        return psycopg.connect(_libpq_url(self.url), autocommit=True)

    def empty_schema_url(self) -> str:
        """A URL whose connections see only a new, empty schema (for tests that migrate from nothing)."""
        from advocacy.devtools.postgres import with_search_path

        schema = f"empty_{next(self._schemas)}"
        with self._connect() as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        return with_search_path(self.url, schema)

    def empty_tables(self) -> None:
        """Remove every row a test left, keeping the schema (and the migrations' triggers)."""
        with self._connect() as connection:
            connection.execute("SET lock_timeout = '5s'")
            tables = [row[0] for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")]
            if not tables:
                return
            statement = "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
            try:
                connection.execute(statement)
            except Exception:  # a connection a test forgot to close holds a lock: end it and try again
                connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                connection.execute(statement)

    def drop(self) -> None:
        from advocacy.devtools.postgres import drop_database

        drop_database(self.url)


POSTGRES: PostgresSession | None = None  # set for the PostgreSQL pass


def pytest_addoption(parser) -> None:
    parser.addoption("--database-url", default=os.environ.get(TEST_DATABASE_ENV) or None,
                     help=f"run the suite on this PostgreSQL server (default: ${TEST_DATABASE_ENV}; unset: SQLite)")


def pytest_configure(config) -> None:
    global POSTGRES
    url = config.getoption("--database-url")
    if not url:
        return
    if not url.startswith("postgresql"):
        raise pytest.UsageError(f"--database-url must be a postgresql+psycopg:// URL, not {url!r}")
    from advocacy.devtools.postgres import reachable

    if not reachable(url):
        raise pytest.UsageError(f"PostgreSQL does not answer at {url}")
    POSTGRES = PostgresSession(url)


def pytest_unconfigure(config) -> None:  # noqa: ARG001
    global POSTGRES
    if POSTGRES is not None:
        POSTGRES.drop()
        POSTGRES = None


def pytest_report_header(config) -> str:  # noqa: ARG001
    return f"database: PostgreSQL ({POSTGRES.url})" if POSTGRES else "database: SQLite"


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ARG001
    if POSTGRES is None:
        return
    once = pytest.mark.skip(reason="browser tests run once, in the SQLite pass")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(once)
GOVUK_SLUGS = (Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "govuk"
               / "local-authorities.csv")


POSTGRES_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextmanager
def throwaway_postgres_app(config: dict, prefix: str):
    """An app on a new PostgreSQL database of its own, dropped afterwards (for the few tests that are about
    PostgreSQL itself, in either pass). Skips the test when no server answers."""
    from advocacy.devtools.postgres import reachable, temporary_database

    if not reachable(POSTGRES_SERVER_URL):
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    with temporary_database(POSTGRES_SERVER_URL, prefix) as url:
        app = create_app({**config, "ADVOCACY_DATABASE_URL": url})
        try:
            yield app
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def base_config(instance: Path, database: Path) -> dict:
    """Settings for a test app. ``database`` is a new SQLite file, or on the PostgreSQL pass a new, empty
    schema (either way: nothing migrated yet)."""
    url = POSTGRES.empty_schema_url() if POSTGRES else f"sqlite:///{database}"
    return _config(instance, url)


def _config(instance: Path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,  # tests of CSRF itself use the csrf_app fixture
        "INSTANCE_PATH": instance,
        "ADVOCACY_DATABASE_URL": database_url,
        "ADVOCACY_SECRET_KEY": "test-secret-not-for-production",
        "ADVOCACY_POSTCODES_API_URL": UNREACHABLE,
        "ADVOCACY_MEMBERS_API_URL": UNREACHABLE,
        "ADVOCACY_GOVUK_API_URL": UNREACHABLE,
        "ADVOCACY_HTTP_CONNECT_TIMEOUT": "0.5",
        "ADVOCACY_HTTP_READ_TIMEOUT": "1",
    }


def _migrate(config: dict) -> None:
    from flask_migrate import upgrade

    app = create_app(config)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """A migrated SQLite template database file (copied for each app on the SQLite pass)."""
    folder = tmp_path_factory.mktemp("template-db")
    database = folder / "template.sqlite3"
    _migrate(_config(folder, f"sqlite:///{database}"))
    return database


@pytest.fixture(scope="session")
def migrated_postgres(tmp_path_factory) -> PostgresSession:
    """The session's PostgreSQL database, migrated once."""
    assert POSTGRES is not None
    if not POSTGRES.migrated:
        _migrate(_config(tmp_path_factory.mktemp("pg-migrate"), POSTGRES.url))
        POSTGRES.migrated = True
    return POSTGRES


@pytest.fixture
def make_app(request, tmp_path):
    """Build an app with extra settings: ``make_app(ADVOCACY_DEMO="true")``. On SQLite each app gets its own
    copy of the migrated database; on PostgreSQL the apps of one test share the session database, which
    is emptied after the test."""
    created = []
    postgres = request.getfixturevalue("migrated_postgres") if POSTGRES else None
    template = None if postgres else request.getfixturevalue("migrated_database")

    def factory(**overrides):
        if postgres:
            url = postgres.url
        else:
            database = tmp_path / f"app{len(created)}.sqlite3"
            shutil.copy(template, database)
            url = f"sqlite:///{database}"
        app = create_app({**_config(tmp_path, url), **overrides})
        created.append(app)
        return app

    yield factory
    for app in created:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if postgres and created:
        postgres.empty_tables()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_app(make_app):
    """An app with CSRF checks on, as in production."""
    return make_app(WTF_CSRF_ENABLED=True)


# --- Documents: realistic letters and motions from the bundled campaign's templates and sample data ---

@pytest.fixture(scope="session")
def bundled_campaigns():
    from advocacy.campaigns.registry import load_folder
    from advocacy.config import ROOT

    return load_folder(ROOT / "letters")


@pytest.fixture
def make_letter(bundled_campaigns):
    """``make_letter(personal=..., asks=3, **letter_fields)``: a letter to an MP from the bundled template."""
    import datetime as dt

    from advocacy.campaigns.sample import sample_context
    from advocacy.documents import HOUSE_OF_COMMONS, Letter

    campaign = bundled_campaigns.campaigns["bright-futures"]

    def factory(personal: str = "", asks: int = 3, **fields):
        context = {**sample_context(campaign, "letter_mp"), "personal": personal}
        context["asks"] = context["asks"][:asks]
        values = {
            "sender_name": "Siân O'Brien", "sender_address": ["1 Example Street", "Leeds"],
            "sender_postcode": "LS1 1UR", "sender_email": "sian@example.org", "date": dt.date(2026, 11, 23),
            "recipient_name": "Alex Sobel MP", "recipient_address": HOUSE_OF_COMMONS,
            "salutation": "Dear Alex Sobel", "subject": "Children's services in Leeds need your support",
            "body": bundled_campaigns.render(campaign, "letter_mp", context),
        }
        return Letter(**{**values, **fields})

    return factory


@pytest.fixture
def motion(bundled_campaigns):
    import datetime as dt

    from advocacy.campaigns.sample import sample_context
    from advocacy.documents import Motion

    campaign = bundled_campaigns.campaigns["bright-futures"]
    return Motion(title=campaign.motion_title, council="Leeds City Council", meeting="Full Council",
                  meeting_date=dt.date(2027, 1, 21), proposer="Cllr Sam Patel", seconder="Cllr Jo Green",
                  body=bundled_campaigns.render(campaign, "motion", sample_context(campaign, "motion")))
# --- the lookup: a local fake of postcodes.io and the Members API on a real loopback server ---

@pytest.fixture(scope="session")
def _fake_api_server():
    from advocacy.devtools.fake_apis import FakeAPIs

    fake = FakeAPIs(slow_seconds=1.0).start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_apis(_fake_api_server):
    """The running fake: ``.postcodes_url``, ``.members_url``, ``.govuk_url``, ``.set_mode(service, "down"|"slow"|"garbage"|"up")``,
    ``.hits(service)`` (requests received this test), ``.page_size`` (items per Members API page)."""
    from advocacy.devtools.fake_apis import MAX_TAKE

    _fake_api_server.reset()
    _fake_api_server.page_size = MAX_TAKE
    yield _fake_api_server
    _fake_api_server.reset()
    _fake_api_server.page_size = MAX_TAKE


@pytest.fixture
def make_lookup_app(make_app, fake_apis, tmp_path):
    """Build an app whose lookups call the fake APIs, with its own HTTP cache: ``make_lookup_app(**settings)``.
    Short timeouts so a slow answer times out quickly (the fake's slow answers take 1 second)."""
    apps = []

    def factory(**overrides):
        instance = tmp_path / f"lookup{len(apps)}"
        instance.mkdir()
        app = make_app(**{
            "INSTANCE_PATH": instance,
            "ADVOCACY_POSTCODES_API_URL": fake_apis.postcodes_url,
            "ADVOCACY_MEMBERS_API_URL": fake_apis.members_url,
            "ADVOCACY_GOVUK_API_URL": fake_apis.govuk_url,
            "ADVOCACY_COUNCIL_SLUGS_CSV": str(GOVUK_SLUGS),
            "ADVOCACY_HTTP_READ_TIMEOUT": "0.4",
            **overrides,
        })
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.extensions["advocacy.lookup"].postcodes.session.close()


@pytest.fixture
def lookup_app(make_lookup_app):
    return make_lookup_app()
# --- local figures (advocacy.localdata) ---

@pytest.fixture
def letters_app(lookup_app, council_register):
    from tests.fixture_figures import load_fixture_figures

    with lookup_app.app_context():
        load_fixture_figures()
    council_register(lookup_app)
    return lookup_app


@pytest.fixture
def long_letter_app(make_lookup_app, tmp_path):
    """A campaign whose MP letter is too long for any link that opens a prefilled email (over 8,000
    characters once encoded): the bundled letter with a long paragraph of background added."""
    from tests.fixture_figures import load_fixture_figures

    folder = tmp_path / "long-campaigns"
    shutil.copytree(Path(__file__).resolve().parent.parent / "letters", folder)
    template = folder / "bright-futures" / "letter_mp.md"
    background = "Councils have told the Local Government Association, year after year, what early help saves. " * 80
    template.write_text(template.read_text() + "\n\n" + background + "\n")
    app = make_lookup_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    with app.app_context():
        load_fixture_figures()
    return app


LOCALDATA_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "localdata"


@pytest.fixture
def localdata_files() -> Path:
    """Small files written for the project in the official formats (BOM, suppression codes, regions)."""
    return LOCALDATA_FIXTURES


@pytest.fixture
def figures_app(app, localdata_files):
    """An app with the fixture section 47 file, child population and council lookup imported."""
    from advocacy.localdata import import_lookup, import_measure, import_population

    with app.app_context():
        import_measure(localdata_files / "section47_small.csv", measure="Section47", name="section47",
                       where={"characteristic": "Total"})
        import_population(localdata_files / "population_small.csv")
        import_lookup(localdata_files / "council_lookup_small.csv")
    return app


def find_reference_data() -> Path | None:
    """The real published files, ``../shared/reference/data`` beside the repo (or beside a parent folder
    holding the repo, as with worktrees). None when absent: tests that need them skip."""
    for parent in Path(__file__).resolve().parents[1].parents:
        candidate = parent / "shared" / "reference" / "data"
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture
def reference_data() -> Path:
    folder = find_reference_data()
    if folder is None:
        pytest.skip("the real data files (../shared/reference/data) are not here")
    return folder
STAFF_PASSWORD = "correct horse battery staple"


class StaffAccounts:
    """Staff accounts for tests: ``staff.sign_in("viewer")`` creates the account and signs the client in."""

    def __init__(self, app, client) -> None:
        self.app, self.client = app, client

    def create(self, role: str = "admin", email: str | None = None) -> str:
        from advocacy.staff.accounts import create_staff, find_staff

        email = email or f"{role}@example.org"
        with self.app.app_context():
            if find_staff(email) is None:
                create_staff(email, STAFF_PASSWORD, role)
        return email

    def sign_in(self, role: str = "admin", password: str = STAFF_PASSWORD, client=None):
        email = self.create(role)
        return (client or self.client).post("/staff/sign-in", data={"email": email, "password": password})


@pytest.fixture
def staff(app, client):
    return StaffAccounts(app, client)


@pytest.fixture
def official_figures(app):
    """The project's official-data release loaded, as `flask setup` does on a fresh site."""
    from advocacy.data.load import load_release

    with app.app_context():
        load_release()
    return app


@pytest.fixture
def editing_admin(client, staff, official_figures):
    """A client signed in as an admin, on a site with figures, ready to edit campaign templates."""
    staff.sign_in("admin")
    return client


# --- sending email: a real SMTP server on localhost (aiosmtpd) ---

class SmtpServer:
    """A local SMTP server that keeps what it receives. ``.messages`` are parsed emails with ``.envelope``
    (mail_from, rcpt_tos); ``.fail_next(reply, times)`` answers the next DATA commands with an error reply
    such as "451 4.3.0 Try again later" or "550 5.1.1 No such mailbox"."""

    def __init__(self, tls_context=None, users: dict | None = None) -> None:
        import socket

        from aiosmtpd.controller import Controller

        with socket.socket() as probe:  # a free port, known before the server starts
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.envelopes: list = []
        self.failures: list[str] = []
        self.logins: list[str] = []
        kwargs = {}
        if tls_context is not None:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        if users is not None:
            kwargs.update(authenticator=self._authenticator(users), auth_required=True)
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **kwargs)

    def _authenticator(self, users):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and users.get(data.login.decode()) == data.password.decode()
            if ok:
                self.logins.append(data.login.decode())
            return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself
        return authenticate

    async def handle_DATA(self, server, session, envelope):
        if self.failures:
            failure = self.failures.pop(0)
            if failure == self.HANG_UP:  # the message arrived; the connection drops before the answer
                self.envelopes.append(envelope)
                server.transport.close()
            return failure
        self.envelopes.append(envelope)
        return "250 OK"

    HANG_UP = "hang up"

    def fail_next(self, reply: str, times: int = 1) -> None:
        self.failures.extend([reply] * times)

    def hang_up_after_next_message(self) -> None:
        """Keep the next message, then close the connection without answering (the reply is lost)."""
        self.failures.append(self.HANG_UP)

    @property
    def messages(self):
        from email import message_from_bytes
        from email.policy import default

        parsed = []
        for envelope in self.envelopes:
            message = message_from_bytes(envelope.original_content, policy=default)
            message.envelope = envelope
            parsed.append(message)
        return parsed

    def to(self, address: str):
        return [m for m in self.messages if address in m.envelope.rcpt_tos]

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (made with openssl) for the STARTTLS test."""
    import subprocess

    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                        str(cert), "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"openssl could not make a test certificate: {exc}")
    return cert, key


@pytest.fixture
def smtp_tls_server(tls_files, monkeypatch):
    """An SMTP server that requires STARTTLS and a login (user "mailer", password "mail-secret"); the
    app trusts its certificate for the test."""
    import ssl

    cert, key = tls_files
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    monkeypatch.setattr("advocacy.sending.mail._tls_context", lambda: ssl.create_default_context(cafile=str(cert)))
    server = SmtpServer(tls_context=server_context, users={"mailer": "mail-secret"}).start()
    yield server
    server.stop()


def smtp_settings(server: SmtpServer, **extra) -> dict:
    return {"ADVOCACY_SMTP_HOST": "127.0.0.1", "ADVOCACY_SMTP_PORT": str(server.port), "ADVOCACY_SMTP_STARTTLS": "false",
            "ADVOCACY_SMTP_TIMEOUT": "5", "ADVOCACY_MAIL_FROM": "Bright Futures campaign <letters@campaign.example>",
            "ADVOCACY_PUBLIC_URL": "https://voice.example", **extra}


@pytest.fixture
def sending_app(make_app, smtp_server):
    """An app that sends through the local SMTP server (no STARTTLS), with links on https://voice.example."""
    return make_app(**smtp_settings(smtp_server))


@pytest.fixture
def make_send_app(make_lookup_app, smtp_server, tmp_path):
    """An app whose bundled campaign opts in to sending (``send_for_me = true``) and sends through the local
    SMTP server. ``make_send_app(opt_in=False, **settings)``."""
    from tests.fixture_figures import load_fixture_figures

    def factory(opt_in: bool = True, **settings):
        folder = tmp_path / f"campaigns-{opt_in}-{len(settings)}"
        if not folder.exists():
            shutil.copytree(Path(__file__).resolve().parent.parent / "letters", folder)
            toml = folder / "bright-futures" / "campaign.toml"
            toml.write_text(toml.read_text().replace("send_for_me = false", f"send_for_me = {str(opt_in).lower()}"))
        app = make_lookup_app(ADVOCACY_CAMPAIGNS_DIR=str(folder), **{**smtp_settings(smtp_server), **settings})
        with app.app_context():
            load_fixture_figures()
        return app

    return factory


@pytest.fixture
def send_app(make_send_app):
    return make_send_app()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throw-away Redis server (Debian's redis-server) on a free local port; skipped where there is none."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                "no", "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    for _ in range(100):
        try:
            Redis.from_url(url).ping()
            break
        except Exception:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


# --- The data release: official files in miniature, and a loopback "publisher" serving them ---

OFFICIAL_FIXTURES = {  # official file name -> the fixture written for the tests in that format
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv": "figures/sample_section47.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv": "figures/sample_cpp.csv",
    "b1_children_in_need_2013_to_2025.csv": "figures/sample_cin.csv",
    "cla_number_and_rate_per_10k_children.csv": "figures/sample_cla.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv": "figures/sample_population.csv",
    "LTLA-UTLA_Apr23_Lookup_England-Wales.csv": "figures/sample_council_lookup.csv",
    "govuk-local-links-manager_local-authorities.csv": "registers/sample_councils.csv",
    "uk_local_authorities.csv": "official/uk_local_authorities.csv",
    "mp_lookup.csv": "official/mp_lookup.csv",
}


@pytest.fixture
def official_files(tmp_path) -> Path:
    """A folder of every official file the release is built from, under the official names (small
    copies written for the tests, in the real formats)."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    folder = tmp_path / "official"
    folder.mkdir()
    for name, fixture in OFFICIAL_FIXTURES.items():
        shutil.copy(fixtures / fixture, folder / name)
    return folder


@pytest.fixture
def fake_publisher(official_files):
    """A loopback HTTP server serving ``official_files`` (change the files to change what it serves).
    Yields its base URL, for `data update --from`."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(official_files)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --- the council register (advocacy.motions.models.Council), as the data release fills it ---

# (code, official name, short name, tier, parent, nation, GOV.UK slug, homepage): real values.
REGISTERED_COUNCILS = (
    ("E08000035", "Leeds City Council", "Leeds", "unitary", None, "England", "leeds", "https://www.leeds.gov.uk/"),
    ("E10000016", "Kent County Council", "Kent", "county", None, "England", "kent", "https://www.kent.gov.uk/"),
    ("E07000111", "Sevenoaks District Council", "Sevenoaks", "district", "E10000016", "England", "sevenoaks",
     "https://www.sevenoaks.gov.uk/"),
    ("E06000053", "Council of the Isles of Scilly", "Isles of Scilly", "unitary", None, "England",
     "isles-of-scilly", "https://www.scilly.gov.uk/"),
    ("E09000001", "City of London Corporation", "City of London", "unitary", None, "England", "city-of-london",
     "https://www.cityoflondon.gov.uk/"),
    ("E08000003", "Manchester City Council", "Manchester", "unitary", None, "England", "manchester",
     "https://www.manchester.gov.uk/"),
    ("W06000001", "Isle of Anglesey County Council", "Isle of Anglesey", "unitary", None, "Wales",
     "isle-of-anglesey", "https://www.anglesey.gov.wales/"),
    ("W06000015", "Cardiff Council", "Cardiff", "unitary", None, "Wales", "cardiff", "https://www.cardiff.gov.uk/"),
    ("S12000033", "Aberdeen City Council", "Aberdeen City", "unitary", None, "Scotland", "aberdeen",
     "https://www.aberdeencity.gov.uk/"),
    ("N09000003", "Belfast City Council", "Belfast", "unitary", None, "Northern Ireland", "belfast",
     "https://www.belfastcity.gov.uk/"),
)


def register_councils(app, rows=REGISTERED_COUNCILS) -> None:
    from advocacy.db import db
    from advocacy.lookup.members import fold
    from advocacy.motions.models import Council

    with app.app_context():
        for code, name, short, tier, parent, nation, slug, homepage in rows:
            db.session.merge(Council(code=code, name=name, folded_name=fold(name), tier=tier, parent_code=parent,
                                     short_name=short, nation=nation, govuk_slug=slug, homepage_url=homepage))
        db.session.commit()


@pytest.fixture
def council_register():
    """``council_register(app)``: real register rows for the councils the tests write to (REGISTERED_COUNCILS)."""
    return register_councils


# --- council motions: the sample registers with council homepages (they verify minutes links) ---

COUNCIL_HOMEPAGES = {"E08000035": "https://www.leeds.gov.uk", "E10000016": "https://www.kent.gov.uk",
                     "E07000111": "https://www.sevenoaks.gov.uk"}


@pytest.fixture
def registered_councils_app(app):
    """The app with the sample figures and council registers loaded, and each council's homepage set."""
    from advocacy.db import db
    from tests.fixture_figures import load_fixture_figures, load_fixture_registers
    from advocacy.motions.models import Council

    with app.app_context():
        load_fixture_figures()
        load_fixture_registers()
        for code, homepage in COUNCIL_HOMEPAGES.items():
            db.session.get(Council, code).homepage_url = homepage
        db.session.commit()
    return app


@pytest.fixture
def admin(client, staff):
    """The test client, signed in as an admin."""
    staff.sign_in("admin")
    return client
