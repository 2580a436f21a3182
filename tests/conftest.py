import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from startforlife.models import User
from startforlife.permissions import Role
from startforlife.two_factor import needs_two_factor


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database is rolled back, and with it the content version that keys cached
    # fragments (startforlife.content): a fragment cached by one test must not reach the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Production hashes static files at collectstatic time; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(role: Role | None, email: str | None = None, **fields) -> User:
    slug = role.name.lower() if role else "nobody"
    user = User.objects.create_user(email or f"{slug}@example.test", "correct-horse-battery", full_name=f"Test {slug}")
    if role:
        user.groups.add(Group.objects.get(name=role.value))
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        user.save()
    return user


def client_for(user: User) -> Client:
    """A browser session signed in as `user`, with the second factor given where one is needed."""
    client = Client()
    client.force_login(user)
    if needs_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture
def editor(db):
    return make_user(Role.EDITOR)


@pytest.fixture
def publisher(db):
    return make_user(Role.PUBLISHER)


@pytest.fixture
def coordinator(db):
    return make_user(Role.PANEL_COORDINATOR)


@pytest.fixture
def leader(db):
    return make_user(Role.LEADER)


@pytest.fixture
def panel_member(db):
    return make_user(Role.PANEL_MEMBER)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return client_for(publisher)


@pytest.fixture
def coordinator_client(coordinator):
    return client_for(coordinator)


@pytest.fixture
def leader_client(leader):
    return client_for(leader)


@pytest.fixture
def panel_member_client(panel_member):
    return client_for(panel_member)


def pytest_terminal_summary(terminalreporter):
    """The browser checks' figures, printed at the end of every run that had them."""
    from tests.browser.conftest import FIGURES

    if any(FIGURES.values()):
        terminalreporter.section("browser, accessibility and HTML checks")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
