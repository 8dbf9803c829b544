"""The WSGI entry point for gunicorn (`make serve`): ``gunicorn advocacy.wsgi:app``.

Settings come from the ADVOCACY_* environment variables, as for `flask --app advocacy`.
"""

from . import create_app

app = create_app()
