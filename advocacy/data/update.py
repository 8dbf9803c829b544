"""`data update`: download every official file, check it, build a release and load it in one transaction.

A source that cannot be downloaded or is not the file we expect stops the update before anything is
built; the database keeps the release it had, and the reason is reported.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests

from ..localdata.ees import ImportRejected, decode
from .build import BuildFailed, build_release, check_columns
from .load import LoadReport, load_release
from .sources import SOURCES, Source

TIMEOUT = (5, 60)  # (connect, read) seconds: the biggest file is a few megabytes


class UpdateFailed(Exception):
    """The update stopped and nothing changed; ``reasons`` says what went wrong, source by source."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class UpdateReport:
    load: LoadReport
    downloaded: list[str]  # the URLs fetched


def source_url(source: Source, base_url: str | None) -> str:
    """Where to fetch ``source``: ``base_url``/its file name when a base is given, else the publisher's URL."""
    return f"{base_url.rstrip('/')}/{source.filename}" if base_url else source.download_url


def _fetch(source: Source, url: str, folder: Path) -> None:
    try:
        with requests.get(url, timeout=TIMEOUT, stream=True) as response:
            if response.status_code != 200:
                raise UpdateFailed([f"{source.filename}: {url} answered HTTP {response.status_code}"])
            data = bytearray()
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > source.max_bytes:
                    raise UpdateFailed([f"{source.filename}: larger than {source.max_bytes:,} bytes, "
                                        f"which is not the file we expect"])
    except requests.RequestException as exc:
        raise UpdateFailed([f"{source.filename}: could not download {url} ({type(exc).__name__})"]) from None
    if len(data) < source.min_bytes:
        raise UpdateFailed([f"{source.filename}: only {len(data):,} bytes (expected at least {source.min_bytes:,}); "
                            f"the download is cut short or is an error page"])
    try:
        check_columns(source, decode(bytes(data), source.filename))
    except (ImportRejected, BuildFailed) as exc:
        raise UpdateFailed([str(exc)]) from None
    (folder / source.filename).write_bytes(bytes(data))


def update_release(base_url: str | None = None, *, today: date | None = None) -> UpdateReport:
    """Download, check, build and load. Raises UpdateFailed (nothing changed) with every source's problem."""
    with tempfile.TemporaryDirectory(prefix="advocacy-data-") as workdir:
        downloads, built = Path(workdir, "sources"), Path(workdir, "release")
        downloads.mkdir()
        reasons, urls = [], []
        for source in SOURCES:
            url = source_url(source, base_url)
            urls.append(url)
            try:
                _fetch(source, url, downloads)
            except UpdateFailed as exc:
                reasons.extend(exc.reasons)
        if reasons:
            raise UpdateFailed(reasons)
        try:
            build_release(downloads, built, built_on=(today or date.today()).isoformat())
        except BuildFailed as exc:
            raise UpdateFailed([str(exc)]) from None
        from .load import ReleaseRejected

        try:
            report = load_release(built, force=True)
        except ReleaseRejected as exc:
            raise UpdateFailed([str(exc)]) from None
    return UpdateReport(load=report, downloaded=urls)
