"""What `bench/load.py` serves with gunicorn: the real app, and beside it under /_bench/hello a "hello
world" Flask route, in the same processes, so the two are measured under identical conditions."""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from advocacy import create_app

hello = Flask("hello")


@hello.get("/hello")
def hello_world():
    return "Hello, world!"


app = DispatcherMiddleware(create_app(), {"/_bench": hello})
