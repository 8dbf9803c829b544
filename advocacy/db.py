"""The database: one SQLAlchemy object, migrations, and SQLite tuned for concurrent writers."""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Named constraints so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(MIGRATIONS_DIR), render_as_batch=True)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    # WAL lets readers run beside one writer; the busy timeout makes concurrent writers queue
    # instead of failing with "database is locked".
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# Engines of every app built in this process. gunicorn builds the app once in its master and forks the
# workers from it (preload_app): a connection opened before the fork must never be used by two processes,
# so each child forgets the pooled connections it inherited (without closing the parent's) and opens its own.
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_connections)


def init_app(app: Flask) -> None:
    # Importing the models registers their tables on the metadata (for Alembic and queries).
    from . import models  # noqa: F401

    db.init_app(app)
    migrate.init_app(app, db)
    with app.app_context():
        _ENGINES.update(db.engines.values())


def database_answers() -> bool:
    """True when a trivial query succeeds (used by /healthz)."""
    try:
        db.session.execute(db.text("SELECT 1"))
        return True
    except Exception:  # any driver error means "not healthy"; the caller reports it
        db.session.rollback()
        return False
