"""Demo people: one account per role, for the fictional Brackenford Borough Council."""

from django.contrib.auth.models import Group

from startforlife.models import User
from startforlife.permissions import Role

DEMO_PASSWORD = "brackenford-demo-2026"  # noqa: S105 (public demo accounts, printed by make run)

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
    log(f"Demo accounts: {len(DEMO_USERS) + 1}")


def logins() -> list[tuple[str, str]]:
    return [(role.value, email) for email, _, role in DEMO_USERS] + [("Superuser (Django admin)", DEMO_SUPERUSER[0])]
