"""`data build`: turn a folder of the official files into the project's compact data release.

The release holds facts derived by the project's own readers (never the files themselves), in sorted
CSVs with no timestamps, plus one manifest naming each source and the SHA-256 of the file it came from.
The same folder and the same ``built_on`` date always give byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..localdata.authorities import SAME_AREA_PREDECESSOR
from ..localdata.ees import ImportRejected, decode, read_measure
from ..localdata.importer import PRESETS
from ..localdata.ons import read_lookup
from .sources import BY_KEY, SOURCES, Source

MANIFEST = "manifest.json"
MEASURES = ("section47", "cpp", "cin", "cla")
POPULATION = "child_population"
FIGURE_COLUMNS = ("time_period", "geographic_level", "country_code", "region_code", "region_name", "new_la_code",
                  "la_name")
LEVEL_NAMES = {"national": "National", "regional": "Regional", "local": "Local authority"}
LEVEL_ORDER = {"national": 0, "regional": 1, "local": 2}
# mySociety's local-authority-type -> the register's tier. Combined and strategic authorities are not councils.
TIERS = {"CTY": "county", "NMD": "district", "MD": "unitary", "LBO": "unitary", "UA": "unitary", "CC": "unitary",
         "SCO": "unitary", "WPA": "unitary", "NID": "unitary"}
COUNCIL_COLUMNS = ("code", "name", "short_name", "tier", "parent_code", "nation", "govuk_slug", "homepage_url")
CONSTITUENCY_COLUMNS = ("council_code", "constituency_code", "constituency_name")
MP_COLUMNS = ("constituency_code", "constituency_name", "region", "country", "member_id", "name", "party", "email")
_CODE = re.compile(r"[EWSN]\d{8}")


class BuildFailed(Exception):
    """A source file is missing or unusable; the message names the file and what is wrong."""


@dataclass(frozen=True)
class BuiltFile:
    name: str
    rows: int


def _text(folder: Path, source: Source) -> str:
    path = folder / source.filename
    if not path.is_file():
        raise BuildFailed(f"{source.filename} is missing from {folder}: download it from {source.page_url}")
    data = path.read_bytes()
    try:
        text = decode(data, source.filename)
    except ImportRejected as exc:
        raise BuildFailed(str(exc)) from None
    check_columns(source, text)
    return text


def check_columns(source: Source, text: str) -> None:
    """Raise BuildFailed unless the file's header has every column the release is built from."""
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in source.required_columns if c not in [h.strip() for h in header]]
    if missing:
        raise BuildFailed(f"{source.filename} is not {source.publisher}'s \"{source.title}\": it has no "
                          f"{', '.join(missing)} column. Check the download from {source.page_url}.")


def _csv(rows: list[tuple], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _number(value: float | None, status: str | None) -> str:
    if value is None:
        return status or ""
    return str(int(value)) if value == int(value) else repr(value)


def _figure_file(text: str, filename: str, column: str, where: dict | None) -> tuple[bytes, int]:
    try:
        parsed = read_measure(text, measure=column, filename=filename, where=where)
    except ImportRejected as exc:
        raise BuildFailed(str(exc)) from None
    rows = sorted(((-r.year, LEVEL_ORDER[r.level], r.area_code), r) for r in parsed.rows)
    out = [(r.year, LEVEL_NAMES[r.level], "E92000001",
            r.area_code if r.level == "regional" else (r.region_code or ""),
            r.area_name if r.level == "regional" else (r.region_name or ""),
            r.area_code if r.level == "local" else "", r.area_name if r.level == "local" else "",
            _number(r.value, r.status)) for _, r in rows]
    return _csv(out, (*FIGURE_COLUMNS, column)), len(out)


def _lookup_file(text: str, filename: str) -> tuple[bytes, int]:
    try:
        rows = read_lookup(text, filename=filename)
    except ImportRejected as exc:
        raise BuildFailed(str(exc)) from None
    year = re.search(r"LTLA(\d\d)CD", text.split("\n", 1)[0]).group(1)
    out = sorted((r.ltla_code, r.ltla_name, r.utla_code, r.utla_name) for r in rows)
    return _csv(out, (f"LTLA{year}CD", f"LTLA{year}NM", f"UTLA{year}CD", f"UTLA{year}NM")), len(out)


def _council_file(mysociety: str, govuk: str) -> tuple[bytes, int]:
    # GOV.UK's register has the homepages. Join on the code, then on a former code (GOV.UK still lists a
    # few councils under the codes they had before 2023), then on the GOV.UK slug.
    govuk_rows = [row for row in csv.DictReader(io.StringIO(govuk)) if (row.get("gss") or "").strip()]
    by_code = {row["gss"].strip().upper(): row for row in govuk_rows}
    by_slug = {row["slug"].strip(): row for row in govuk_rows if (row.get("slug") or "").strip()}
    records = [row for row in csv.DictReader(io.StringIO(mysociety)) if not (row.get("end-date") or "").strip()]
    code_of = {row["local-authority-code"].strip(): row["gss-code"].strip() for row in records}
    out = []
    for row in records:
        tier = TIERS.get(row["local-authority-type"].strip())
        code = row["gss-code"].strip().upper()
        if tier is None or not _CODE.fullmatch(code):
            continue
        parent = code_of.get(row["county-la"].strip()) if tier == "district" else None
        candidates = [code, *_codes(row.get("former-gss-codes") or ""), SAME_AREA_PREDECESSOR.get(code, "")]
        match = next((by_code[c] for c in candidates if c in by_code), None) or by_slug.get(row["gov-uk-slug"].strip())
        slug = (match["slug"].strip() if match else "") or row["gov-uk-slug"].strip()
        out.append((code, " ".join(row["official-name"].split()), " ".join(row["nice-name"].split()), tier,
                    parent or "", row["nation"].strip(), slug, match["homepage_url"].strip() if match else ""))
    if not out:
        raise BuildFailed("uk_local_authorities.csv has no current council.")
    return _csv(sorted(out), COUNCIL_COLUMNS), len(out)


def _codes(value: str) -> list[str]:
    return [c for c in _CODE.findall(value or "")]


def _constituency_files(text: str) -> tuple[bytes, int, bytes, int]:
    pairs, mps = set(), []
    for row in csv.DictReader(io.StringIO(text)):
        seat, name = row["pcon_code"].strip().upper(), " ".join(row["pcon_name"].split())
        if not _CODE.fullmatch(seat) or not name:
            continue
        for council in _codes(row["lad_codes"]) + _codes(row["new_la_codes"]):
            pairs.add((council, seat, name))
        email = row["member_email"].strip()
        mps.append((seat, name, (row.get("region_name") or "").strip(), (row.get("country_name") or "").strip(),
                    row["member_id"].strip(), " ".join(row["display_as"].split()), row["party_text"].strip(),
                    email if "@" in email else ""))
    if not pairs:
        raise BuildFailed("mp_lookup.csv has no constituency with council codes.")
    return (_csv(sorted(pairs), CONSTITUENCY_COLUMNS), len(pairs), _csv(sorted(mps), MP_COLUMNS), len(mps))


def build_release(source_dir: Path, out_dir: Path, *, built_on: str) -> dict:
    """Build the release from the official files in ``source_dir`` into ``out_dir`` (created; files there
    are replaced). Returns the manifest. Raises BuildFailed, writing nothing, when any source is unusable."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", built_on):
        raise BuildFailed(f"{built_on!r} is not a date like 2026-06-30.")
    texts = {source.key: _text(source_dir, source) for source in SOURCES}
    files: dict[str, tuple[bytes, int]] = {}
    for name in MEASURES:
        preset = PRESETS[name]
        files[f"{name}.csv"] = _figure_file(texts[name], BY_KEY[name].filename, preset["column"], preset.get("where"))
    files[f"{POPULATION}.csv"] = _figure_file(texts[POPULATION], BY_KEY[POPULATION].filename,
                                              "population_estimate", None)
    files["council_lookup.csv"] = _lookup_file(texts["council_lookup"], BY_KEY["council_lookup"].filename)
    files["councils.csv"] = _council_file(texts["councils"], texts["council_homepages"])
    pairs, pair_count, mps, mp_count = _constituency_files(texts["constituencies"])
    files["council_constituencies.csv"] = (pairs, pair_count)
    files["mps.csv"] = (mps, mp_count)

    manifest = {
        "release": built_on,
        "built_on": built_on,
        "sources": [{
            "key": s.key, "file": s.filename, "publisher": s.publisher, "title": s.title, "date": s.date,
            "published": s.published, "page_url": s.page_url, "download_url": s.download_url,
            "licence": s.licence, "licence_short": s.licence_short, "licence_url": s.licence_url, "attribution": s.attribution,
            "sha256": hashlib.sha256((source_dir / s.filename).read_bytes()).hexdigest(),
        } for s in SOURCES],
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "rows": rows}
                  for name, (data, rows) in sorted(files.items())},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in files.items():
        (out_dir / name).write_bytes(data)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return manifest
