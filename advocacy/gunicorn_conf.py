"""gunicorn settings for `make serve` and the Docker image: ``gunicorn -c python:advocacy.gunicorn_conf``.

Every value can be overridden on the command line or with gunicorn's own environment variables
(WEB_CONCURRENCY for the worker count, GUNICORN_CMD_ARGS for anything else).
"""

from __future__ import annotations

import gc
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
# Replace each worker now and then so slow growth in one process never builds up, spread out so that the
# workers are not all replaced at once under a steady load: each worker's limit is max_requests plus a
# random 0..max_requests_jitter, so the restarts of five workers fall far apart.
max_requests = 2000
max_requests_jitter = 2000
# The app (and WeasyPrint, fonts, campaigns) is built once in the master and each worker is forked from it,
# so a replaced worker serves its first request at once instead of after seconds of imports. Database
# connections are never shared across the fork: advocacy/db.py makes each child drop the pooled ones it
# inherited, and redis-py's pools reconnect in a new process by themselves.
preload_app = True


def when_ready(server) -> None:  # noqa: ANN001 - gunicorn's hook: the app is built, no worker forked yet
    """Move everything the preloaded app made into the collector's permanent generation (Python's advice for
    fork without exec). A worker's collections then never walk the inherited objects, so they are not
    copied page by page into every new worker: with workers replaced every couple of thousand requests
    under load, that copying cost the hello-world route about 40% of its throughput (bench/load.py's
    set-up: 2,950-3,260 requests/s with recycling against 5,200 without; 4,700 with this)."""
    gc.freeze()

# No control socket: its default path is one per user, which two gunicorns on one host would share.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# Behind a reverse proxy the app itself reads X-Forwarded-* (ADVOCACY_PROXY_HOPS), not gunicorn.
