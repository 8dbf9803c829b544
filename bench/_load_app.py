"""What `bench/load.py` serves with gunicorn: the real app, and beside it under /_bench/hello a "hello
world" Flask route, in the same processes, so the two are measured under identical conditions."""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from advocacy.wsgi import app as advocacy  # exactly what `make serve` runs: the app, warmed up

hello = Flask("hello")


@hello.get("/hello")
def hello_world():
    return "Hello, world!"


app = DispatcherMiddleware(advocacy, {"/_bench": hello})
