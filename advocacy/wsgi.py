"""The WSGI entry point for gunicorn (`make serve`): ``gunicorn advocacy.wsgi:app``.

Settings come from the ADVOCACY_* environment variables, as for `flask --app advocacy`. gunicorn imports this
once in its master (preload_app, advocacy/gunicorn_conf.py), so what ``warm_up`` builds here is in every worker
it forks.
"""

from . import create_app
from .warm import warm_up

app = create_app()
warm_up(app)
