"""Shared fixtures: an app with a fresh, migrated database per test, a client and a CLI runner.

Migrating takes a moment, so the suite migrates one template database per session and each test
gets its own copy of that file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advocacy import create_app
from advocacy.db import db

# Nothing in a test may reach the internet: unconfigured API URLs point at a closed loopback port,
# so a test that forgets to start a fake server fails loudly instead of calling the real service.
UNREACHABLE = "http://127.0.0.1:9"


def base_config(instance: Path, database: Path) -> dict:
    return {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,  # tests of CSRF itself use the csrf_app fixture
        "INSTANCE_PATH": instance,
        "ADVOCACY_DATABASE_URL": f"sqlite:///{database}",
        "ADVOCACY_SECRET_KEY": "test-secret-not-for-production",
        "ADVOCACY_POSTCODES_API_URL": UNREACHABLE,
        "ADVOCACY_MEMBERS_API_URL": UNREACHABLE,
        "ADVOCACY_GOVUK_API_URL": UNREACHABLE,
        "ADVOCACY_HTTP_CONNECT_TIMEOUT": "0.5",
        "ADVOCACY_HTTP_READ_TIMEOUT": "1",
    }


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    from flask_migrate import upgrade

    folder = tmp_path_factory.mktemp("template-db")
    database = folder / "template.sqlite3"
    app = create_app(base_config(folder, database))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database


@pytest.fixture
def make_app(tmp_path, migrated_database):
    """Build an app with extra settings: ``make_app(ADVOCACY_DEMO="true")``."""
    created = []

    def factory(**overrides):
        database = tmp_path / f"app{len(created)}.sqlite3"
        shutil.copy(migrated_database, database)
        app = create_app({**base_config(tmp_path, database), **overrides})
        created.append(app)
        return app

    yield factory
    for app in created:
        with app.app_context():
            db.engine.dispose()


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
