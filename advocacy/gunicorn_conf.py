"""gunicorn settings for `make serve` and the Docker image: ``gunicorn -c python:advocacy.gunicorn_conf``.

Every value can be overridden on the command line or with gunicorn's own environment variables
(WEB_CONCURRENCY for the worker count, GUNICORN_CMD_ARGS for anything else).
"""

from __future__ import annotations

import os


def default_workers(cores: int | None = None) -> int:
    """Sync workers for this machine: 2 per core plus 1 (gunicorn's advice), so a worker waiting on the
    database, an API or a PDF render leaves the cores busy with the others."""
    cores = cores or os.cpu_count() or 1
    return 2 * cores + 1


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
worker_class = "sync"
# A PDF render takes well under a second; 30 s is a hung worker, which gunicorn replaces.
timeout = 30
graceful_timeout = 20
# Replace each worker now and then, staggered, so slow growth in one process never builds up.
max_requests = 2000
max_requests_jitter = 200
# Not preloaded: each worker builds its own app, so no database connection is shared across a fork.
preload_app = False
# No control socket: its default path is one per user, which two gunicorns on one host would share.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# Behind a reverse proxy the app itself reads X-Forwarded-* (ADVOCACY_PROXY_HOPS), not gunicorn.
