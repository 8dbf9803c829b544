"""A local fake of the parts of postcodes.io, the UK Parliament Members API and GOV.UK's local authority API
the app uses.

It answers from fixtures written for this project in the services' real formats (fixtures/), on a real
loopback HTTP server, so tests exercise the real clients: timeouts, retries, caching and all. Each
service can be switched to misbehave: ``down`` (HTTP 500 with postcodes.io's real error text), ``slow``
(answers after ``slow_seconds``), ``garbage`` (200 with an HTML page).

    fake = FakeAPIs().start()          # random free port on 127.0.0.1
    fake.postcodes_url, fake.members_url, fake.govuk_url
    fake.set_mode("members", "down"); fake.hits("postcodes"); fake.stop()

While running, GET /_fake/<service>/<mode> switches a mode too (handy in `make demo`).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SERVICES = ("postcodes", "members", "govuk")
MODES = ("up", "down", "slow", "garbage")
POSTCODE_FORMAT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
SERVER_ERROR = ("500 Server Error.\nFor an urgent fix email support@ideal-postcodes.co.uk. \nAlternatively submit "
                "an issue at https://github.com/ideal-postcodes/postcodes.io/issues\n")
MAX_TAKE = 20


def _load_postcodes() -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((FIXTURES / "postcodes_io").glob("*.json"))}


def _load_members() -> tuple[list[dict], dict[int, dict]]:
    seats = json.loads((FIXTURES / "members_api" / "constituencies.json").read_text(encoding="utf-8"))
    contacts = {int(path.stem): json.loads(path.read_text(encoding="utf-8"))
                for path in (FIXTURES / "members_api" / "contacts").glob("*.json")}
    return seats, contacts


def _load_govuk() -> tuple[dict[str, str], dict[str, dict], dict[str, dict]]:
    """(postcode -> council slug it redirects to, split postcode -> addresses body, slug -> council body)."""
    folder = FIXTURES / "govuk"
    redirects = json.loads((folder / "redirects.json").read_text(encoding="utf-8"))
    split = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (folder / "postcodes").glob("*.json")}
    councils = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                for path in (folder / "local_authority").glob("*.json")}
    return redirects, split, councils


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    content_type="application/json; charset=utf-8")


def _link(rel: str, href: str) -> dict:
    return {"rel": rel, "href": href, "method": "GET"}


class _QuietHandler(WSGIRequestHandler):
    # One request per connection: with keep-alive, a loaded machine let the client reuse a connection
    # the server had just closed, and a lookup failed now and then with "connection aborted".
    protocol_version = "HTTP/1.0"

    def log_request(self, *args: Any, **kwargs: Any) -> None:  # keep test and demo output readable
        pass


class FakeAPIs:
    def __init__(self, page_size: int = MAX_TAKE, slow_seconds: float = 2.0) -> None:
        self.postcodes = _load_postcodes()
        self.seats, self.contacts = _load_members()
        self.govuk_redirects, self.govuk_split, self.govuk_councils = _load_govuk()
        self.page_size = page_size  # the most items one page returns (the real API: 20)
        self.slow_seconds = slow_seconds
        self.modes = {service: "up" for service in SERVICES}
        self.requests: Counter[str] = Counter()
        self.log: list[tuple[str, str, str]] = []  # (service, method, path?query)
        self._lock = threading.Lock()
        self._server = None
        self._thread: threading.Thread | None = None
        self.url = ""
        self.urls = Map([
            Rule("/_fake/<service>/<mode>", endpoint="control"),
            Rule("/postcodes-io/postcodes/<postcode>", endpoint="postcode", methods=["GET"]),
            Rule("/postcodes-io/postcodes", endpoint="bulk", methods=["POST"]),
            Rule("/postcodes-io/ping", endpoint="ping"),
            Rule("/members/api/Location/Constituency/Search", endpoint="constituency_search"),
            Rule("/members/api/Location/Constituency/<int:seat_id>", endpoint="constituency"),
            Rule("/members/api/Members/Search", endpoint="members_search"),
            Rule("/members/api/Members/<int:member_id>/Contact", endpoint="contact"),
            Rule("/members/api/Members/<int:member_id>", endpoint="member"),
            Rule("/govuk/api/local-authority", endpoint="govuk_postcode"),
            Rule("/govuk/api/local-authority/<slug>", endpoint="govuk_council"),
        ])

    # --- control ---
    @property
    def postcodes_url(self) -> str:
        return f"{self.url}/postcodes-io"

    @property
    def members_url(self) -> str:
        return f"{self.url}/members/api"

    @property
    def govuk_url(self) -> str:
        return f"{self.url}/govuk/api"

    def set_mode(self, service: str, mode: str) -> None:
        if service not in SERVICES or mode not in MODES:
            raise ValueError(f"service must be one of {SERVICES} and mode one of {MODES}")
        self.modes[service] = mode

    def hits(self, service: str) -> int:
        return self.requests[service]

    def reset(self) -> None:
        self.modes = {service: "up" for service in SERVICES}
        self.requests.clear()
        self.log.clear()

    def start(self, host: str = "127.0.0.1", port: int = 0) -> "FakeAPIs":
        self._server = make_server(host, port, self.wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-apis", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- serving ---
    def wsgi(self, environ, start_response):
        request = Request(environ)
        adapter = self.urls.bind_to_environ(environ)
        try:
            endpoint, args = adapter.match()
        except Exception:  # unknown path: postcodes.io's real answer
            return _json({"status": 404, "error": "Resource not found"}, 404)(environ, start_response)
        if endpoint == "control":
            return self._control(**args)(environ, start_response)
        service = ("postcodes" if request.path.startswith("/postcodes-io")
                   else "govuk" if request.path.startswith("/govuk") else "members")
        with self._lock:
            self.requests[service] += 1
            self.log.append((service, request.method, request.full_path.rstrip("?")))
        mode = self.modes[service]
        if mode == "down":
            response = Response(SERVER_ERROR, status=500, content_type="text/html; charset=utf-8")
        elif mode == "garbage":
            response = Response("<html><body><h1>Welcome to nginx!</h1></body></html>", status=200,
                                content_type="text/html")
        else:
            if mode == "slow":
                time.sleep(self.slow_seconds)
            response = getattr(self, f"_{endpoint}")(request, **args)
        return response(environ, start_response)

    def _control(self, service: str, mode: str) -> Response:
        try:
            self.set_mode(service, mode)
        except ValueError as exc:
            return _json({"error": str(exc)}, 400)
        return _json({"service": service, "mode": mode})

    # postcodes.io
    def _postcode_answer(self, text: str) -> tuple[int, dict]:
        compact = "".join(text.split()).upper()
        if not POSTCODE_FORMAT.match(compact):
            return 404, {"status": 404, "error": "Invalid postcode"}
        body = self.postcodes.get(compact)
        if body is None:
            return 404, {"status": 404, "error": "Postcode not found"}
        return body["status"], body

    def _postcode(self, request: Request, postcode: str) -> Response:
        status, body = self._postcode_answer(postcode)
        return _json(body, status)

    def _bulk(self, request: Request) -> Response:
        if not request.is_json:
            return Response(SERVER_ERROR, status=500, content_type="text/html; charset=utf-8")
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or "postcodes" not in data:
            return _json({"status": 400, "error": "Invalid JSON query submitted. \nYou need to submit a JSON "
                                                  "object with an array of postcodes or geolocation objects."}, 400)
        postcodes = data["postcodes"]
        if not isinstance(postcodes, list):
            return _json({"status": 400, "error": "Invalid data submitted. You need to provide a JSON array"}, 400)
        if len(postcodes) > 100:
            return _json({"status": 400, "error": "Too many postcodes submitted. Up to 100 postcodes can be bulk "
                                                  "requested at a time"}, 400)
        results = []
        for query in postcodes:
            if not isinstance(query, str):
                continue  # the real service silently drops non-strings
            status, body = self._postcode_answer(query)
            results.append({"query": query, "result": body["result"] if status == 200 else None})
        return _json({"status": 200, "result": results})

    def _ping(self, request: Request) -> Response:
        return _json({"status": 200, "result": "pong"})

    # Members API
    def _page(self, request: Request, items: list[dict], context: str, path: str) -> Response:
        skip = max(int(request.args.get("skip", 0) or 0), 0)
        take = min(max(int(request.args.get("take", MAX_TAKE) or MAX_TAKE), 1), MAX_TAKE, self.page_size)
        page = items[skip:skip + take]
        links = [_link("self", f"{path}?skip={skip}&take={take}"),
                 _link("page.next", f"{path}?skip={skip + take}&take={take}"),
                 _link("page.previous", f"{path}?skip={max(skip - take, 0)}&take={take}")]
        return _json({"items": page, "totalResults": len(items), "resultContext": context, "skip": skip,
                      "take": take, "links": links})

    def _constituency_search(self, request: Request) -> Response:
        text = request.args.get("searchText", "")
        matches = [s for s in self.seats if text.casefold() in s["value"]["name"].casefold()]
        context = f'Result(s) were found based on constituencies in the U.K. matching "{text}".'
        return self._page(request, matches, context, "/Constituency/Search")

    def _constituency(self, request: Request, seat_id: int) -> Response:
        for seat in self.seats:
            if seat["value"]["id"] == seat_id:
                return _json(seat)
        return Response(status=404)

    def _current_members(self) -> list[dict]:
        return [s["value"]["currentRepresentation"]["member"] for s in self.seats
                if s["value"]["endDate"] is None and s["value"]["currentRepresentation"]]

    def _members_search(self, request: Request) -> Response:
        members = self._current_members() if request.args.get("House") in ("1", "Commons") else []
        return self._page(request, members, "Result(s) were found for current members of the House of Commons.",
                          "/Members/Search")

    def _member(self, request: Request, member_id: int) -> Response:
        for member in self._current_members():
            if member["value"]["id"] == member_id:
                return _json(member)
        return Response(status=404)

    def _contact(self, request: Request, member_id: int) -> Response:
        body = self.contacts.get(member_id)
        return _json(body) if body is not None else Response(status=404)


    # GOV.UK local authority API (errors as its controller and en.yml strings give them)
    def _govuk_postcode(self, request: Request) -> Response:
        compact = "".join(ch for ch in request.args.get("postcode", "") if ch.isalnum()).upper()
        if not POSTCODE_FORMAT.match(compact):
            return _json({"errors": {"postcode": ["This isn't a valid postcode."]}}, 400)
        if compact in self.govuk_split:
            return _json(self.govuk_split[compact])
        slug = self.govuk_redirects.get(compact)
        if slug is None:
            return _json({"errors": {"postcode": ["We couldn't find a council for this postcode."]}}, 404)
        # The docs say 301; the code's redirect_to gives 302. Clients must follow either.
        return Response(status=302, headers={"Location": f"{self.govuk_url}/local-authority/{slug}"})

    def _govuk_council(self, request: Request, slug: str) -> Response:
        body = self.govuk_councils.get(slug)
        if body is None:
            return _json({"errors": {"local_authority_slug": ["Not found"]}}, 404)
        return _json(body)


def main() -> None:  # pragma: no cover - a convenience for trying the fake by hand
    import argparse

    parser = argparse.ArgumentParser(description="Serve the fake postcodes.io and Members API")
    parser.add_argument("--port", type=int, default=8900)
    args = parser.parse_args()
    fake = FakeAPIs().start(port=args.port)
    print(f"postcodes.io: {fake.postcodes_url}\nMembers API:  {fake.members_url}\nGOV.UK API:   {fake.govuk_url}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
