"""Deployment: docker-compose.yml and serving behind a reverse proxy agree with the app (settings: test_docs.py)."""

from pathlib import Path

import pytest
import yaml

from advocacy.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
WRONG = {"password": "guess number x"}
# Read by create_app itself (it locates the instance folder before the settings are parsed).
KNOWN = {s.name for s in SETTINGS} | {"ADVOCACY_INSTANCE_PATH"}


def test_docker_compose_runs_app_worker_postgres_and_redis_with_known_settings_and_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"app", "worker", "postgres", "redis"} <= set(services)
    for name in ("app", "worker"):
        env = services[name]["environment"]
        assert {k for k in env if k.startswith("ADVOCACY_")} <= KNOWN
        assert env["ADVOCACY_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["ADVOCACY_REDIS_URL"].startswith("redis://redis:")
    assert services["worker"]["command"] == ["flask", "--app", "advocacy", "worker"]
    for name in ("app", "worker", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name


def test_gunicorn_keeps_the_preloaded_app_out_of_the_workers_collections():
    import gc

    from advocacy import gunicorn_conf

    assert gunicorn_conf.preload_app and gunicorn_conf.max_requests > 0  # workers are forked, and replaced
    before = gc.get_freeze_count()
    gunicorn_conf.when_ready(server=None)
    try:
        assert gc.get_freeze_count() > before  # what the master built is shared by its forks, untouched
    finally:
        gc.unfreeze()


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told():
    from advocacy.gunicorn_conf import default_workers

    assert [default_workers(cores) for cores in (1, 2, 8)] == [3, 5, 17]


@pytest.mark.parametrize(("hops", "second_address_blocked"), [(1, False), (0, True)])
def test_behind_a_proxy_each_residents_own_address_is_limited_not_the_proxys(make_app, hops, second_address_blocked):
    app = make_app(ADVOCACY_PROXY_HOPS=str(hops), ADVOCACY_SIGNIN_LIMIT="2 per hour")
    client = app.test_client()

    def attempt(address, email):
        return client.post("/staff/sign-in", data={**WRONG, "email": email},
                           headers={"X-Forwarded-For": address}).status_code

    assert [attempt("203.0.113.7", "a@example.org") for _ in range(3)] == [200, 200, 429]
    assert (attempt("198.51.100.9", "b@example.org") == 429) is second_address_blocked


def test_a_negative_proxy_count_stops_start_up_with_its_name(make_app):
    from advocacy.config import ConfigError

    with pytest.raises(ConfigError, match="ADVOCACY_PROXY_HOPS='-1' must be 0 or more"):
        make_app(ADVOCACY_PROXY_HOPS="-1")


def test_a_worker_forked_from_a_preloaded_app_opens_its_own_database_connections(app):
    # gunicorn builds the app in its master and forks the workers (preload_app): a connection opened before
    # the fork must not be shared by two processes, and the parent's must keep working.
    import os

    from advocacy.db import db

    with app.app_context():
        assert db.session.execute(db.text("SELECT 1")).scalar() == 1
        db.session.commit()
        parent_pool = db.engine.pool
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                fresh = db.engine.pool is not parent_pool
                answered = db.session.execute(db.text("SELECT 1")).scalar() == 1
                os.write(write, b"ok" if fresh and answered else b"shared")
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        assert os.read(read, 16) == b"ok"
        assert db.engine.pool is parent_pool
        assert db.session.execute(db.text("SELECT 1")).scalar() == 1
