"""`manage.py import_postcodes`: the ONS Postcode Directory, all or nothing, safe to repeat."""

import pytest
from django.core.management import CommandError, call_command

from hubs.demo import DEMO_POSTCODES
from hubs.models import Postcode

pytestmark = pytest.mark.django_db

HEADER = "pcd,pcds,dointr,doterm,oslaua,osward,lat,long\n"


def csv_file(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "onspd.csv"
    path.write_text(header + body, encoding="utf-8")
    return str(path)


def run(path, *args):
    call_command("import_postcodes", path, *args, verbosity=0)


GOOD_ROWS = (
    "BF1 1AA,BF1 1AA,202001,,E06099001,E05000001,52.600000,-1.900000\n"
    "BF1 1AB,BF1 1AB,202001,,E06099001,E05000001,52.601000,-1.901000\n"
    "BF9 1AA,BF9 1AA,202001,,E06099002,E05000002,52.700000,-1.950000\n"
)


def test_it_loads_postcodes_with_their_place_and_council(tmp_path):
    run(csv_file(tmp_path, GOOD_ROWS))

    assert Postcode.objects.count() == 3
    postcode = Postcode.objects.get(postcode="BF1 1AB")
    assert (postcode.latitude, postcode.longitude, postcode.local_authority) == (52.601, -1.901, "E06099001")


def test_it_can_load_only_some_local_authorities(tmp_path):
    run(csv_file(tmp_path, GOOD_ROWS), "--local-authority", "E06099002")

    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["BF9 1AA"]


def test_several_local_authorities_can_be_given(tmp_path):
    run(csv_file(tmp_path, GOOD_ROWS), "--local-authority", "E06099001,E06099002")

    assert Postcode.objects.count() == 3


def test_running_it_again_changes_nothing_and_updates_what_moved(tmp_path):
    path = csv_file(tmp_path, GOOD_ROWS)
    run(path)
    run(path)
    assert Postcode.objects.count() == 3

    run(csv_file(tmp_path, GOOD_ROWS.replace("52.700000", "52.710000")))

    assert Postcode.objects.count() == 3
    assert Postcode.objects.get(postcode="BF9 1AA").latitude == 52.71


def test_postcodes_without_a_grid_reference_are_skipped(tmp_path):
    run(csv_file(tmp_path, GOOD_ROWS + "BF1 9ZZ,BF1 9ZZ,202001,,E06099001,,99.999999,0.000000\n"))

    assert not Postcode.objects.filter(postcode="BF1 9ZZ").exists()


def test_it_finds_the_newer_lad_column_name(tmp_path):
    header = "pcd7,pcds,lad25cd,lat,long\n"
    run(csv_file(tmp_path, "BF1 1AA,BF1 1AA,E06099001,52.6,-1.9\n", header=header), "--local-authority", "E06099001")

    assert Postcode.objects.get().local_authority == "E06099001"


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        ("postcode,latitude,longitude\n", "BF1 1AA,52.6,-1.9\n", "no pcds, lat, long"),
        ("pcds,lat,long\n", "BF1 1AA,52.6,-1.9\n", "no oslaua"),
        (HEADER, GOOD_ROWS + "BF1 1AD,BF1 1AD,202001,,E06099001,,fifty-two,-1.9\n", "Line 5: lat is 'fifty-two'"),
        (HEADER, GOOD_ROWS + "BF1 1AD,BF1 1AD,202001,,E06099001,52.6\n", "Line 5 has 6 values"),
        (
            HEADER,
            GOOD_ROWS + "X,NOT A POSTCODE,202001,,E06099001,,52.6,-1.9\n",
            "Line 5: 'NOT A POSTCODE' is not a postcode",
        ),
        (HEADER, GOOD_ROWS + "BF1 1AD,BF1 1AD,202001,,E06099001,,91,-1.9\n", "not a place on Earth"),
        (HEADER, GOOD_ROWS + 'BF1 1AD,"BF1 1AD,202001,,E06099001,,52.6,-1.9\n', "Line"),
        ("", "", "The file is empty"),
    ],
)
def test_a_malformed_file_is_refused_clearly_and_nothing_is_imported(tmp_path, header, body, message):
    with pytest.raises(CommandError) as error:
        run(csv_file(tmp_path, body, header=header))

    assert message in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert Postcode.objects.count() == 0


def test_a_malformed_file_leaves_earlier_imports_as_they_were(tmp_path):
    run(csv_file(tmp_path, GOOD_ROWS))

    with pytest.raises(CommandError):
        run(csv_file(tmp_path, GOOD_ROWS.replace("52.600000", "52.9") + "BF1 1AD,BF1 1AD,202001,,E06099001,,x,y\n"))

    assert Postcode.objects.get(postcode="BF1 1AA").latitude == 52.6


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "onspd.zip"
    path.write_bytes(b"PK\x03\x04\xff\xfe\x00\x00binary")

    with pytest.raises(CommandError, match="not a UTF-8 text file"):
        run(str(path))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "nowhere.csv"))


def test_the_demo_file_loads_the_fictional_area():
    run(str(DEMO_POSTCODES))

    assert Postcode.objects.filter(postcode="BF1 1AA", local_authority="E06099001").exists()
