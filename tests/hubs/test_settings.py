"""The map's tile server setting, read at start-up as a server would."""

from tests.test_settings_guards import run_django


def test_the_tile_servers_origin_is_added_to_the_img_src_of_the_content_security_policy():
    code = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"

    result = run_django(code, {"MAP_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"})

    assert result.returncode == 0, result.stderr
    assert "https://*.tiles.example.org" in result.stdout


def test_a_tile_url_that_is_not_a_web_address_stops_the_start():
    result = run_django("pass", {"MAP_TILE_URL": "javascript:alert(1)"})

    assert result.returncode != 0
    assert "MAP_TILE_URL must be an http(s) address" in result.stderr
