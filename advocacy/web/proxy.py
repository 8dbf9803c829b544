"""Behind a reverse proxy: take the client's address, scheme and host from the proxy's X-Forwarded-*
headers, for exactly as many proxies as ADVOCACY_PROXY_HOPS says (0: headers ignored).

Rate limits are counted per client address, so behind a proxy without this every resident would share
the proxy's one address. Trusting more hops than there are proxies would let anyone choose their
address by sending the header themselves, hence a count and not a switch.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    hops = app.config.get("ADVOCACY_PROXY_HOPS") or 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
