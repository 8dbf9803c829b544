"""The importer against the real published files, when they are beside the repo (skipped otherwise)."""

import pytest

from advocacy.localdata import figures_for, import_lookup, import_measure, import_population

SECTION47 = "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"


def need(folder, name):
    path = folder / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {folder}")
    return path


def test_real_section47_file_gives_the_published_totals_for_england_and_leeds(app, reference_data):
    with app.app_context():
        report = import_measure(need(reference_data, SECTION47), measure="Section47")
        leeds = figures_for("E08000035").measures["section47"]
    assert report.years == (2013, 2025) and report.imported > 2000
    assert (leeds.latest_year, leeds.england, leeds.latest) == (2025, 230_590, 3_097)
    assert leeds.as_template_dict()["england_fmt"] == "230,590"
    assert leeds.as_template_dict()["latest_fmt"] == "3,097"


def test_real_files_together_give_rates_and_map_districts_to_counties(app, reference_data):
    with app.app_context():
        import_measure(need(reference_data, "d5_cpps_at31march_by_duration_2013_to_2025.csv"), measure="CPP_At31")
        import_measure(need(reference_data, "cla_number_and_rate_per_10k_children.csv"), measure="children_count",
                       name="cla")  # the known "cla" measure takes the looked-after-on-31-March rows
        import_population(need(reference_data, "ons_mid-year_population_estimates_2012_to_2024.csv"))
        import_lookup(need(reference_data, "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"))
        leeds = figures_for("E08000035")
        sevenoaks = figures_for("E07000111")
    assert (leeds.measures["cpp"].latest, leeds.measures["cpp"].england) == (634, 49_420)
    # DfE publishes Leeds's looked-after rate for 2024/25 as 85 per 10,000: ours must agree.
    assert round(leeds.measures["cla"].per_10k) == 85
    assert (sevenoaks.area_code, sevenoaks.area_name) == ("E10000016", "Kent")
