"""The worker's note of every email the SMTP server accepted, kept outside the database.

Between "the SMTP server accepted the email" and "the database says sent" there is a commit, and the
database connection can drop right there. The email has gone (once), but its row is left in "sending",
and would be marked failed once its lease runs out: wrong counts, and a resident told their letter could
not be sent. So the worker appends the email's Message-ID (its outbox ``public_id``) to this journal, in
the instance folder, as soon as the server accepts it and before it commits; the next pass, once the
database answers again, marks every email named here as sent (``reconcile``) and empties the journal.

At most once stays the promise: only an email the server accepted is marked sent this way, and nothing
here ever sends an email again.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from flask import current_app

JOURNAL_NAME = "sending-handed-over.log"


def journal_path() -> Path:
    return Path(current_app.instance_path) / JOURNAL_NAME


@contextmanager
def _locked() -> Iterator[Path]:
    # Several worker processes on one host share the journal: appends and the rewrite take turns.
    path = journal_path()
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record_handover(public_id: str, accepted_at: datetime) -> None:
    """Note, durably, that the SMTP server accepted the email ``public_id`` at ``accepted_at``."""
    with _locked() as path, open(path, "a", encoding="utf-8") as journal:
        journal.write(f"{public_id}\t{accepted_at.isoformat()}\n")
        journal.flush()
        os.fsync(journal.fileno())


def handed_over() -> dict[str, datetime]:
    """Every email the journal names, with when the server accepted it."""
    path = journal_path()
    if not path.exists():
        return {}
    found: dict[str, datetime] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        public_id, _, when = line.partition("\t")
        try:
            found[public_id] = datetime.fromisoformat(when)
        except ValueError:  # a line cut short by a crash mid-write: that email was not confirmed accepted
            continue
    return found


def forget(public_ids: set[str]) -> None:
    """Drop these emails from the journal (their rows now say sent), keeping any added meanwhile."""
    if not public_ids:
        return
    with _locked() as path:
        if not path.exists():
            return
        keep = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                if line.partition("\t")[0] not in public_ids]
        temporary = path.with_suffix(".tmp")
        temporary.write_text("".join(keep), encoding="utf-8")
        os.replace(temporary, path)
