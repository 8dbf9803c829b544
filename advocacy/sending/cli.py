"""`flask --app advocacy worker`: delivers queued emails, asks the follow-up questions when due and queues
the new-MP reminders once an election's results are in."""

from __future__ import annotations

import logging
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from ..db import db
from .mail import SmtpSettings
from .queue import RQ_QUEUE, redis_connection, run_pass

log = logging.getLogger("advocacy.sending")


@click.command("worker")
@click.option("--once", is_flag=True, help="Do one pass over what is due now, then stop.")
@click.option("--burst", is_flag=True, help="Keep working until nothing is due, then stop.")
@with_appcontext
def worker_command(once: bool, burst: bool) -> None:
    """Send queued emails (letters, confirmation links, follow-ups, new-MP reminders, motion report links),
    retrying temporary failures.

    Uses the database as the queue, or RQ on Redis when ADVOCACY_REDIS_URL is set. Any number of workers
    may run: each email is claimed by exactly one of them.
    """
    if SmtpSettings.from_config(current_app.config) is None:
        raise click.ClickException("ADVOCACY_SMTP_HOST is not set, so no email can be sent. Set the "
                                   "ADVOCACY_SMTP_* settings (see docs/operators.md, Configuration) and start the worker again.")
    use_rq = bool(current_app.config.get("ADVOCACY_REDIS_URL"))
    poll = current_app.config["ADVOCACY_WORKER_POLL_SECONDS"]
    rq_worker = _rq_worker() if use_rq else None
    click.echo(f"worker: {'RQ on Redis' if use_rq else 'database queue'}"
               f"{', one pass' if once else ', until nothing is due' if burst else f', every {poll:g} s'}")
    total = 0
    while True:
        try:
            handled = run_pass(use_rq=use_rq)
            if rq_worker is not None:
                rq_worker.work(burst=True)  # runs the jobs just enqueued, and any the web app enqueued
        except Exception:
            if once or burst:
                raise
            # A long-running worker outlives a database or Redis hiccup: log it and try again next time.
            log.exception("worker pass failed; trying again in %s s", poll)
            db.session.rollback()
            handled = 0
        total += handled
        if once or (burst and handled == 0):
            break
        if not burst:
            time.sleep(poll)
    click.echo(f"worker: {total} email(s) handled")


def _rq_worker():
    from rq import Queue, SimpleWorker

    connection = redis_connection()
    # SimpleWorker runs jobs in this process, inside the app context this command already has.
    return SimpleWorker([Queue(RQ_QUEUE, connection=connection)], connection=connection)


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
