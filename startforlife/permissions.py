"""Who may do what: the one permission matrix.

Roles are Django groups (created by a data migration). Staff views name the permission
they need with `@permission_required("offers.publish")`; templates ask `user_can`.
Superusers may do everything. Nothing else in the code decides access by role name.
"""

from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class Role(StrEnum):
    EDITOR = "Editor"
    PUBLISHER = "Publisher"
    PANEL_COORDINATOR = "Panel coordinator"
    LEADER = "Start for Life leader"
    PANEL_MEMBER = "Panel member"


STAFF_ROLES = frozenset({Role.EDITOR, Role.PUBLISHER, Role.PANEL_COORDINATOR, Role.LEADER})

MATRIX: dict[str, frozenset[Role]] = {
    # The staff workspace under /manage/.
    "manage.enter": STAFF_ROLES,
    # The offer and the hubs.
    "offers.view_staff": frozenset({Role.EDITOR, Role.PUBLISHER, Role.LEADER}),
    "offers.edit": frozenset({Role.EDITOR, Role.PUBLISHER}),
    "offers.publish": frozenset({Role.PUBLISHER}),
    "hubs.view_staff": frozenset({Role.EDITOR, Role.PUBLISHER, Role.LEADER}),
    "hubs.edit": frozenset({Role.EDITOR, Role.PUBLISHER}),
    "hubs.publish": frozenset({Role.PUBLISHER}),
    # The Parent and Carer Panel.
    "panels.coordinate": frozenset({Role.PANEL_COORDINATOR}),
    "panels.view_reports": frozenset({Role.PANEL_COORDINATOR, Role.LEADER}),
    "panels.view_feedback_redacted": frozenset({Role.EDITOR, Role.PUBLISHER}),
    "panels.take_part": frozenset({Role.PANEL_MEMBER}),
    # Closing a safeguarding concern raised through the panel (ADR 0030): the accountable leader.
    "panels.sign_off_safeguarding": frozenset({Role.LEADER}),
}


def roles_of(user) -> frozenset[Role]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._portal_roles = cached
    return cached


def has_permission(user, permission: str) -> bool:
    if permission not in MATRIX:
        raise KeyError(f"Unknown permission {permission!r}: add it to startforlife.permissions.MATRIX")
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(roles_of(user) & MATRIX[permission])


def permission_required(permission: str):
    """Anonymous → sign-in page; signed in without the permission → 403."""
    if permission not in MATRIX:
        raise KeyError(f"Unknown permission {permission!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
