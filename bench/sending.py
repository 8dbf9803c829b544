"""Email delivery: the worker (claim in the database, build with the email package, send over SMTP, record
the result) against plain smtplib sending the same emails, each over its own connection, to the same local
SMTP server (aiosmtpd) in the same run. Also two workers racing over one queue: every email must arrive
exactly once.

The worker's bookkeeping is what makes sending safe: the claim is committed before the email goes (so a
second worker cannot take it) and the result after (so it is never sent again), with the header checks in
between. A bare SQLite commit is measured in the same run to show what those two durable writes cost here.
The local server answers at once, so this is the worst case for the ratio; a real SMTP server over the
internet (TLS, 50-200 ms per email) makes the same overhead small. Target: worker / plain smtplib at most
5 (a guard against the bookkeeping growing), and no email lost or duplicated by two racing workers.
Exits 1 when missed.
Run: `make bench` or `.venv/bin/python bench/sending.py`.
"""

from __future__ import annotations

import secrets
import smtplib
import socket
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from advocacy import create_app  # noqa: E402
from advocacy.actions.models import utcnow  # noqa: E402
from advocacy.db import db  # noqa: E402
from advocacy.sending import OutboxMessage, deliver_message  # noqa: E402
from advocacy.sending.queue import due_message_ids  # noqa: E402

EMAILS = 150
MAX_RATIO = 5.0
BODY = "Dear Alex Sobel,\n\n" + "Please back fully funded children's services in Leeds. " * 30 + "\n\nSiân O'Brien\n"


class Counter:
    def __init__(self) -> None:
        self.received: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.rcpt_tos[0])
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queue_emails(count: int, tag: str) -> None:
    now = utcnow()
    for number in range(count):
        db.session.add(OutboxMessage(
            public_id=secrets.token_urlsafe(18), idempotency_key=f"bench:{tag}:{number}", purpose="letter",
            campaign="bright-futures", to_address=f"mp{number}@parliament.example", to_name="Alex Sobel MP",
            from_address="letters@campaign.example", from_name="Siân O'Brien via Bright Futures", reply_to=
            "sian@example.org", subject="Children's services in Leeds need your support", body=BODY,
            resident_email="sian@example.org", status="queued", next_attempt_at=now, created_at=now, updated_at=now))
    db.session.commit()


def bare_commit_ms(rounds: int = 60) -> float:
    """Median time of one UPDATE + COMMIT on the same database: the cost of one durable write here."""
    times = []
    for number in range(rounds):
        started = time.perf_counter()
        db.session.execute(db.text("UPDATE outbox_messages SET attempts = :n WHERE id = 1"), {"n": number})
        db.session.commit()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def plain_smtplib(port: int, count: int) -> None:
    for number in range(count):
        message = EmailMessage()
        message["From"] = "letters@campaign.example"
        message["To"] = f"plain{number}@parliament.example"
        message["Subject"] = "Children's services in Leeds need your support"
        message.set_content(BODY)
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.send_message(message)


def main() -> int:
    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    folder = Path(tempfile.mkdtemp(prefix="bench-sending-"))
    app = create_app({"INSTANCE_PATH": folder, "ADVOCACY_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
                      "ADVOCACY_SECRET_KEY": "bench", "ADVOCACY_SMTP_HOST": "127.0.0.1", "ADVOCACY_SMTP_PORT": str(port),
                      "ADVOCACY_SMTP_STARTTLS": "false", "ADVOCACY_LOG_LEVEL": "WARNING"})
    try:
        with app.app_context():
            upgrade()
            queue_emails(EMAILS, "one")
            ids = due_message_ids(utcnow(), limit=EMAILS)
            started = time.perf_counter()
            for message_id in ids:
                deliver_message(message_id)
            worker_seconds = time.perf_counter() - started
            commit_ms = bare_commit_ms()

        started = time.perf_counter()
        plain_smtplib(port, EMAILS)
        plain_seconds = time.perf_counter() - started

        with app.app_context():
            queue_emails(EMAILS, "two")
            ids = due_message_ids(utcnow(), limit=EMAILS)
        before = len(counter.received)

        def worker() -> None:
            with app.app_context():
                for message_id in ids:  # both workers try every email; the claim lets one send it
                    deliver_message(message_id)

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        racing_seconds = time.perf_counter() - started
        raced = counter.received[before:]
    finally:
        controller.stop()

    ratio = worker_seconds / plain_seconds
    overhead_ms = (worker_seconds - plain_seconds) * 1000 / EMAILS
    duplicates = len(raced) - len(set(raced))
    print(f"emails per run: {EMAILS}")
    print(f"worker (database queue): {worker_seconds:.2f} s, {EMAILS / worker_seconds:.0f} emails/s")
    print(f"plain smtplib (baseline): {plain_seconds:.2f} s, {EMAILS / plain_seconds:.0f} emails/s")
    print(f"ratio worker / plain: {ratio:.2f} (target <= {MAX_RATIO:g})")
    print(f"bare SQLite commit (baseline), median: {commit_ms:.1f} ms")
    print(f"worker overhead per email: {overhead_ms:.1f} ms (= {overhead_ms / commit_ms:.1f} bare commits)")
    print(f"two racing workers: {racing_seconds:.2f} s, {len(raced)} received, {len(set(raced))} distinct, "
          f"{duplicates} duplicates")
    ok = ratio <= MAX_RATIO and duplicates == 0 and len(set(raced)) == EMAILS
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
