"""`make demo`: the app against a local fake of postcodes.io and the Members API, no internet needed.

Starts the fake on loopback, points the app at it (ADVOCACY_DEMO=true, a separate demo instance folder),
runs `flask setup` (database upgrade and anything else setup does), loads the demo MP directory, serves.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from ..config import ROOT
from .fake_apis import FIXTURES, FakeAPIs

DEMO_POSTCODES = (
    ("LS1 1UR", "Leeds: metropolitan borough"),
    ("TS22 5BF", "Hartlepool: unitary council"),
    ("SE1 0AA", "Southwark: London borough"),
    ("BR6 7NZ", "Sevenoaks district and Kent county: two-tier area"),
    ("AB10 1AB", "Aberdeen: Scotland"),
    ("CF10 1AA", "Cardiff: Wales"),
    ("BT1 1AA", "Belfast: Northern Ireland"),
    ("LL58 8AA", "Isle of Anglesey: Wales, a constituency name with an accent (Ynys Môn)"),
    ("JE2 4WD", "Jersey: Crown Dependency, no MP"),
    ("AB1 0AA", "terminated postcode"),
    ("M1 1AD", "Manchester Central: vacant seat"),
    ("BR6 7ZZ", "a postcode split between Sevenoaks and Bromley: pick your address"),
)


def demo_environment(fake: FakeAPIs) -> dict[str, str]:
    return {
        "ADVOCACY_DEMO": "true",
        "ADVOCACY_INSTANCE_PATH": os.environ.get("ADVOCACY_DEMO_INSTANCE_PATH", str(ROOT / "instance" / "demo")),
        "ADVOCACY_POSTCODES_API_URL": fake.postcodes_url,
        "ADVOCACY_MEMBERS_API_URL": fake.members_url,
        "ADVOCACY_GOVUK_API_URL": fake.govuk_url,
        "ADVOCACY_COUNCIL_SLUGS_CSV": str(FIXTURES / "govuk" / "local-authorities.csv"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the app against local fake APIs")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)

    fake = FakeAPIs().start()  # always loopback, random port
    os.environ.update(demo_environment(fake))
    # Links the demo makes outside a page (queued emails, the CLI) use the port it really serves on.
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    os.environ.setdefault("ADVOCACY_PUBLIC_URL", f"http://{host}:{args.port}")
    flask = [sys.executable, "-m", "flask", "--app", "advocacy"]
    # setup loads the data release, whose MP directory snapshot covers all 650 seats; a sync against the
    # fake Members API (a handful of MPs) would empty the rest.
    subprocess.run([*flask, "setup"], check=True)

    from .. import create_app

    app = create_app()
    print(f"\nDemo: http://{args.host}:{args.port}/  (fake APIs at {fake.url})")
    print("Postcodes to try:")
    for postcode, what in DEMO_POSTCODES:
        print(f"  {postcode:<9} {what}")
    print(f"Make a service misbehave: {fake.url}/_fake/<postcodes|members|govuk>/<down|slow|garbage|up>\n")
    try:
        app.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True)
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
