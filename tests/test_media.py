"""Uploaded hub photos are served by the portal itself, to the people allowed to see them."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.staff.factories import HubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return ContentFile(out.getvalue())


def test_anyone_can_see_a_published_hubs_photo(anon_client):
    hub = HubFactory(publication_state="published")
    hub.photo.save("front-door.png", png())

    response = anon_client.get(hub.photo.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "public" in response["Cache-Control"]


def test_a_draft_hubs_photo_and_other_files_are_not_found(anon_client, settings):
    draft = HubFactory(publication_state="draft")
    draft.photo.save("draft.png", png())
    (settings.MEDIA_ROOT / "notes.txt").write_text("not for parents")

    assert anon_client.get(draft.photo.url).status_code == 404
    assert anon_client.get("/media/notes.txt").status_code == 404
    assert anon_client.get("/media/hubs/missing.png").status_code == 404


@pytest.mark.parametrize("path", ["/media/../settings.py", "/media/%2e%2e/%2e%2e/etc/passwd", "/media/hubs/a%00.png"])
def test_paths_outside_the_uploads_are_not_found(anon_client, editor_client, path):
    assert anon_client.get(path).status_code == 404
    assert editor_client.get(path).status_code == 404


def test_staff_who_manage_hubs_can_see_a_photo_waiting_for_approval(editor_client, anon_client, settings):
    (settings.MEDIA_ROOT / "hubs").mkdir()
    buffer = png()
    (settings.MEDIA_ROOT / "hubs" / "pending-1234.png").write_bytes(buffer.read())

    response = editor_client.get("/media/hubs/pending-1234.png")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert anon_client.get("/media/hubs/pending-1234.png").status_code == 404
