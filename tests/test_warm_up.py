"""gunicorn builds the app once and forks workers from it: what the first requests would build, the master
builds first (advocacy.warm), so a replaced worker serves at once with the campaigns as staff saved them."""

import os

import pytest

from advocacy.campaigns.registry import EXTENSION as CAMPAIGNS
from advocacy.campaigns.store import save_version
from advocacy.db import db
from advocacy.warm import warm_up

SLUG = "bright-futures"


def test_the_master_builds_the_campaigns_as_saved_before_any_worker_asks(app):
    letter = (app.config["ADVOCACY_CAMPAIGNS_DIR"] / SLUG / "letter_mp.md").read_text()
    with app.app_context():
        save_version(SLUG, "letter_mp.md", letter + "\nSaved on the staff pages.\n", created_by="test", based_on=0)
    app.extensions[CAMPAIGNS].stamp = None  # as in a master that has served nothing yet
    warm_up(app)
    state = app.extensions[CAMPAIGNS]
    assert state.stamp is not None  # read from the database before the fork
    assert "Saved on the staff pages." in state.current.files[SLUG]["letter_mp.md"]
    assert app.jinja_env.cache  # the page templates are compiled once, not in every worker


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork, as gunicorn does")
def test_the_master_keeps_no_database_connection_for_its_workers_to_inherit(app):
    warm_up(app)
    with app.app_context():
        assert db.engine.pool.checkedout() == 0
        assert db.engine.pool.checkedin() == 0  # disposed: every worker opens its own


def test_a_database_that_does_not_answer_yet_does_not_stop_start_up(make_app, tmp_path):
    app = make_app(ADVOCACY_DATABASE_URL=f"sqlite:///{tmp_path / 'missing' / 'none.sqlite3'}")
    warm_up(app)  # logs a warning; the workers read the database when it answers
    assert app.jinja_env.cache
