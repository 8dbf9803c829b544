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
