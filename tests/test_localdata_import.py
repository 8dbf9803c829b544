"""Importing official statistics files: what staff see when they run `flask localdata import`."""

import pytest
from sqlalchemy import func, select

from advocacy.db import db
from advocacy.localdata import ImportRejected, import_lookup, import_measure, import_population
from advocacy.localdata.models import CouncilLookup, Dataset, Figure

TOTAL = {"characteristic": "Total"}


def figures_of(name):
    return {(f.area_code, f.year): f for f in db.session.scalars(
        select(Figure).join(Dataset).where(Dataset.name == name))}


def test_import_reads_a_file_with_a_byte_order_mark_every_level_and_every_year(app, localdata_files):
    with app.app_context():
        report = import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        rows = figures_of("section47")
    assert report.name == "section47"  # named after the column's known measure
    assert rows[("E92000001", 2025)].value == 200_000 and rows[("E92000001", 2025)].area_name == "England"
    assert rows[("E12000003", 2020)].value == 19_000 and rows[("E12000003", 2020)].level == "regional"
    assert rows[("E08000035", 2016)].value == 2_500
    assert rows[("E08000035", 2016)].region_code == "E12000003"
    assert {year for (_, year) in rows} == {2016, 2020, 2025}
    assert report.years == (2016, 2025)


def test_suppressed_values_are_kept_as_not_published_and_never_as_zero(app, localdata_files):
    with app.app_context():
        report = import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        rows = figures_of("section47")
    published_as = {code: (rows[(code, year)].value, rows[(code, year)].status) for code, year in [
        ("E06000001", 2025), ("E09000001", 2025), ("E09000028", 2025), ("E10000014", 2025), ("E10000016", 2020),
        ("E08000003", 2016)]}
    assert published_as == {"E06000001": (None, "c"), "E09000001": (None, "z"), "E09000028": (None, "low"),
                            "E10000014": (None, "u"), "E10000016": (None, "x"), "E08000003": (None, ":")}
    assert report.not_published == 7  # the six above and Hackney's "x" in 2019/20
    assert "of which 7 not published" in report.lines()[0]


def test_rows_that_cannot_be_used_are_skipped_and_the_reasons_reported(app, localdata_files):
    with app.app_context():
        report = import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        rows = figures_of("section47")
    text = "\n".join(report.lines())
    assert "skipped 1 row at geographic level 'Local authority district'" in text
    assert "skipped 1 row whose Section47 is neither a number nor a suppression code (such as 'n/a')" in text
    assert ("E07000111", 2025) not in rows and ("E10000029", 2025) not in rows
    assert report.filtered_out == 51  # every "Under 1" row, left out by --where


def test_a_file_with_a_filter_column_asks_which_rows_to_take(app, localdata_files):
    with app.app_context():
        with pytest.raises(ImportRejected) as rejected:
            import_measure(localdata_files / "section47_small.csv", measure="Section47")
        assert db.session.scalar(select(func.count(Figure.id))) == 0
    assert "differ in 'characteristic'" in str(rejected.value)
    assert '--where characteristic="Total"' in str(rejected.value)


def test_where_takes_only_the_rows_named(app, localdata_files):
    with app.app_context():
        import_measure(localdata_files / "section47_small.csv", measure="Section47", name="section47_infants",
                       where={"characteristic": "Under 1"})
        rows = figures_of("section47_infants")
    assert rows[("E92000001", 2025)].value == 20_000  # the "Under 1" row, not the total


def test_a_where_value_not_in_the_file_lists_the_values_it_has(app, localdata_files):
    with app.app_context(), pytest.raises(ImportRejected) as rejected:
        import_measure(localdata_files / "section47_small.csv", measure="Section47",
                       where={"characteristic": "total"})
    assert 'no rows have characteristic = "total"' in str(rejected.value)
    assert '"Total"; "Under 1"' in str(rejected.value)


def test_importing_the_same_file_again_changes_nothing(app, localdata_files):
    with app.app_context():
        import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        before = {key: (f.id, f.value, f.status) for key, f in figures_of("section47").items()}
        again = import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        after = {key: (f.id, f.value, f.status) for key, f in figures_of("section47").items()}
        datasets = db.session.scalar(select(func.count(Dataset.id)))
    assert again.unchanged and again.lines() == [
        "section47_small.csv: already imported as 'section47'; nothing changed."]
    assert after == before and datasets == 1


def test_importing_a_corrected_file_replaces_the_old_figures(app, localdata_files, tmp_path):
    corrected = tmp_path / "section47_corrected.csv"
    text = (localdata_files / "section47_small.csv").read_text(encoding="utf-8-sig")
    corrected.write_text(text.replace("Leeds\",Total,3100", "Leeds\",Total,3150"), encoding="utf-8-sig")
    with app.app_context():
        import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        count = len(figures_of("section47"))
        import_measure(corrected, measure="Section47", where=TOTAL)
        rows = figures_of("section47")
    assert rows[("E08000035", 2025)].value == 3150 and len(rows) == count


def test_an_unknown_measure_is_rejected_naming_the_columns_there_are(app, localdata_files):
    with app.app_context(), pytest.raises(ImportRejected) as rejected:
        import_measure(localdata_files / "section47_small.csv", measure="Section48")
    message = str(rejected.value)
    assert "has no column 'Section48'. Did you mean Section47?" in message
    assert "characteristic, Section47, ICPC" in message


def test_a_csv_that_is_not_from_explore_education_statistics_is_rejected(app, tmp_path):
    other = tmp_path / "addresses.csv"
    other.write_text("postcode,name\nLS1 1UR,Leeds\n")
    with app.app_context(), pytest.raises(ImportRejected) as rejected:
        import_measure(other, measure="Section47")
    assert "is not an Explore Education Statistics CSV: it has no time_period or geographic_level column" \
        in str(rejected.value)
    assert "columns found: postcode, name" in str(rejected.value)


def test_a_spreadsheet_is_rejected_as_not_csv(app, tmp_path):
    sheet = tmp_path / "section47.xlsx"
    sheet.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    with app.app_context(), pytest.raises(ImportRejected) as rejected:
        import_measure(sheet, measure="Section47")
    assert "section47.xlsx is not a CSV file" in str(rejected.value)


def test_a_file_damaged_part_way_through_leaves_the_earlier_import_untouched(app, localdata_files, tmp_path):
    damaged = tmp_path / "section47_damaged.csv"
    lines = (localdata_files / "section47_small.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[-3] += ",extra,cells"
    damaged.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with app.app_context():
        import_measure(localdata_files / "section47_small.csv", measure="Section47", where=TOTAL)
        before = {key: f.value for key, f in figures_of("section47").items()}
        with pytest.raises(ImportRejected) as rejected:
            import_measure(damaged, measure="Section47", where=TOTAL)
        after = {key: f.value for key, f in figures_of("section47").items()}
        source = db.session.scalar(select(Dataset.source).where(Dataset.name == "section47"))
    assert f"line {len(lines) - 2}" in str(rejected.value) and "more cells than the header" in str(rejected.value)
    assert after == before and source == "section47_small.csv"


def test_population_estimates_apply_to_the_reporting_year_after_mid_year(app, localdata_files):
    with app.app_context():
        report = import_population(localdata_files / "population_small.csv")
        rows = figures_of("child_population")
    # DfE divides 2024/25 figures by the mid-2024 estimate.
    assert rows[("E08000035", 2025)].value == 175_000 and rows[("E08000035", 2020)].value == 172_000
    assert rows[("E06000053", 2025)].status == "x"
    assert report.name == "child_population"


def test_the_council_lookup_imports_and_is_replaced_whole(app, localdata_files, tmp_path):
    smaller = tmp_path / "lookup.csv"
    smaller.write_text("LTLA24CD,LTLA24NM,UTLA24CD,UTLA24NM\nE07000111,Sevenoaks,E10000016,Kent\n")
    with app.app_context():
        first = import_lookup(localdata_files / "council_lookup_small.csv")
        again = import_lookup(localdata_files / "council_lookup_small.csv")
        import_lookup(smaller)
        rows = {r.ltla_code: r.utla_code for r in db.session.scalars(select(CouncilLookup))}
    assert first.imported == 7 and again.unchanged
    assert rows == {"E07000111": "E10000016"}


def test_a_lookup_without_ltla_and_utla_columns_is_rejected(app, localdata_files):
    with app.app_context(), pytest.raises(ImportRejected) as rejected:
        import_lookup(localdata_files / "population_small.csv")
    assert "is not an ONS lower tier to upper tier local authority lookup" in str(rejected.value)
    assert "LTLAyyCD" in str(rejected.value)


def test_cli_import_reports_rows_imported_and_skipped(runner, localdata_files):
    result = runner.invoke(args=["localdata", "import", str(localdata_files / "section47_small.csv"),
                                 "--measure", "Section47", "--label", "child protection enquiries",
                                 "--where", 'characteristic="Total"'])
    assert result.exit_code == 0, result.output
    assert "section47_small.csv: imported 51 rows as 'section47' (2015/16 to 2024/25)" in result.output
    assert "skipped 1 row at geographic level 'Local authority district'" in result.output
    again = runner.invoke(args=["localdata", "import", str(localdata_files / "section47_small.csv"),
                                "--measure", "Section47", "--label", "child protection enquiries",
                                "--where", "characteristic=Total"])
    assert "nothing changed" in again.output


def test_cli_rejection_says_what_is_wrong_and_that_nothing_was_imported(runner, localdata_files):
    result = runner.invoke(args=["localdata", "import", str(localdata_files / "section47_small.csv"),
                                 "--measure", "Section 47"])
    assert result.exit_code == 1
    assert "has no column 'Section 47'" in result.output and "Nothing was imported." in result.output
    assert "Traceback" not in result.output


def test_cli_where_must_be_column_equals_value(runner, localdata_files):
    result = runner.invoke(args=["localdata", "import", str(localdata_files / "section47_small.csv"),
                                 "--measure", "Section47", "--where", "Total"])
    assert result.exit_code == 2 and 'is not COLUMN="value"' in result.output


def test_cli_shows_a_progress_bar_for_a_large_file(runner, localdata_files, tmp_path):
    header, *rows = (localdata_files / "section47_small.csv").read_text(encoding="utf-8-sig").splitlines()
    big = tmp_path / "section47_big.csv"
    with big.open("w", encoding="utf-8-sig") as out:
        out.write(header + "\n")
        for year in range(1900, 2026):  # a long run of years, so the file passes 200 KB
            out.writelines(row.replace("2025,", f"{year},", 1) + "\n" for row in rows if row.startswith("2025,"))
    assert big.stat().st_size > 200_000
    result = runner.invoke(args=["localdata", "import", str(big), "--measure", "Section47",
                                 "--where", "characteristic=Total"])
    assert result.exit_code == 0, result.output
    assert "Reading section47_big.csv" in result.output
    assert "imported 2,142 rows as 'section47' (1899/00 to 2024/25)" in result.output
