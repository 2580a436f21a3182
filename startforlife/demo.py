"""Demo people: one account per role, for the fictional Brackenford Borough Council."""

from base64 import b32encode

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from startforlife.models import User
from startforlife.permissions import Role
from startforlife.two_factor import needs_two_factor

DEMO_PASSWORD = "brackenford-demo-2026"  # noqa: S105 (public demo accounts, printed by make run)

# Staff must give a code from an authenticator app. The demo staff share this published key,
# so anyone trying the demo can add it to an app (it is printed by `make run`).
DEMO_TOTP_KEY = b"brackenford-demo-2fa"

DEMO_USERS = [
    ("editor@brackenford.example", "Priya Shah", Role.EDITOR),
    ("publisher@brackenford.example", "Tom Whitfield", Role.PUBLISHER),
    ("coordinator@brackenford.example", "Grace Mensah", Role.PANEL_COORDINATOR),
    ("leader@brackenford.example", "Amara Okafor", Role.LEADER),
    ("member@brackenford.example", "Jordan Lee", Role.PANEL_MEMBER),
]
DEMO_SUPERUSER = ("admin@brackenford.example", "Portal Administrator")


def seed(log) -> None:
    for email, name, role in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
    email, name = DEMO_SUPERUSER
    if not User.objects.filter(email=email).exists():
        User.objects.create_superuser(email, DEMO_PASSWORD, full_name=name)
    for user in User.objects.filter(email__in=[email for email, *_ in DEMO_USERS] + [DEMO_SUPERUSER[0]]):
        if needs_two_factor(user):
            TOTPDevice.objects.get_or_create(
                user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True}
            )
    log(f"Demo accounts: {len(DEMO_USERS) + 1}")


def authenticator_key() -> str:
    key = b32encode(DEMO_TOTP_KEY).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def logins() -> list[tuple[str, str]]:
    return [(role.value, email) for email, _, role in DEMO_USERS] + [("Superuser (Django admin)", DEMO_SUPERUSER[0])]


# A change the demo editor proposed to a live service, so the workspace has something waiting.
DEMO_CHANGE_SERVICE = "infant-feeding"
DEMO_CHANGE_SUMMARY = (
    "Help with breastfeeding, bottle feeding and mixed feeding, from pregnancy until your baby is 2, "
    "whatever you choose."
)


def seed_workspace(log) -> None:
    """Runs after the offer's seed: one pending change, made the way the edit page makes it."""
    from offers.models import Service
    from startforlife import workflow
    from startforlife.models import ChangeRequest, ChangeRequestSource

    editor = User.objects.filter(email=DEMO_USERS[0][0]).first()
    service = Service.objects.published().filter(slug=DEMO_CHANGE_SERVICE).first()
    if editor is None or service is None:
        return
    if ChangeRequest.objects.for_item(service).filter(proposed_by=editor).exists():
        return  # seeded before (and perhaps approved or sent back since): leave it be
    try:
        workflow.propose(
            item=service, values={"summary": DEMO_CHANGE_SUMMARY}, by=editor, source=ChangeRequestSource.EDIT
        )
    except workflow.StaleEdit:
        return  # someone else's change is already waiting
    log("Staff workspace: 1 change waiting for approval")
