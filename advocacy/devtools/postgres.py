"""Throwaway PostgreSQL databases for the test suite and the benchmarks.

Given a server URL (``postgresql+psycopg://postgres@127.0.0.1:5432/test``), creates databases with a
unique name beside the one named in the URL and drops them again. Nothing here runs in the app itself.
Run as a script (``python -m advocacy.devtools.postgres URL``) it exits 0 when the server answers, so
``make test`` can decide whether to run the PostgreSQL pass.
"""

from __future__ import annotations

import sys
import uuid
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.engine import make_url

CONNECT_TIMEOUT = 3


def _libpq_url(url: str, database: str | None = None) -> str:
    """The SQLAlchemy URL as a plain libpq one (psycopg takes no ``+psycopg`` and no driver options)."""
    parsed = make_url(url)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.set(drivername="postgresql", query={}).render_as_string(hide_password=False)


def reachable(url: str) -> bool:
    """True when a PostgreSQL server answers at ``url`` (and psycopg is installed)."""
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(_libpq_url(url), connect_timeout=CONNECT_TIMEOUT):
            return True
    except psycopg.Error:
        return False


def _admin(url: str):
    import psycopg

    return psycopg.connect(_libpq_url(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT)


def create_database(url: str, prefix: str = "advocacy_tmp") -> str:
    """Create an empty database on the server of ``url``; returns its SQLAlchemy URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _admin(url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return make_url(url).set(database=name, query={}).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop the database named in ``url`` (connecting to the server's ``postgres`` database to do it),
    ending any connection still open to it."""
    name = make_url(url).database
    with _admin(_libpq_url(url, "postgres")) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def temporary_database(url: str, prefix: str = "advocacy_tmp") -> Iterator[str]:
    """A fresh database for the length of the ``with`` block."""
    created = create_database(url, prefix)
    try:
        yield created
    finally:
        drop_database(created)


def with_search_path(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema`` (its tables, triggers and functions)."""
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)


if __name__ == "__main__":
    sys.exit(0 if len(sys.argv) == 2 and reachable(sys.argv[1]) else 1)
