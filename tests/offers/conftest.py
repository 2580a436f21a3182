import pytest


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    # The offer PDF is kept as a file in default storage: not in the worktree's .data/media.
    settings.MEDIA_ROOT = tmp_path / "media"
