import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("Users must have an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str):
        # People type their email address with capitals sometimes; it is still them.
        return self.get(email__iexact=email)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Council staff and panel members. People sign in with their email address.

    One name field, not first and last: names do not split that way for everyone.
    """

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField("full name", max_length=200)
    is_staff = models.BooleanField(
        "Django admin access", default=False, help_text="Superusers only; staff work happens in /manage/."
    )
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Part of every session's check (see _get_session_auth_hash): changing it signs this person
    # out everywhere at once, as signing out does.
    session_token = models.CharField(max_length=64, default=new_session_token, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret=None):
        # Django's own check (the password hash) plus our token, so a password change and
        # `end_all_sessions()` both end every session of this person.
        key_salt = "startforlife.User.session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_token}", secret=secret, algorithm="sha256"
        ).hexdigest()

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()
        self.save(update_fields=["session_token"])

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Sent back"
    SUPERSEDED = "superseded", "Replaced by a later change"


class ChangeRequestSource(models.TextChoices):
    EDIT = "edit", "Edited"
    RESTORE = "restore", "Earlier version restored"
    IMPORT = "import", "Imported from a spreadsheet"
    OPEN_DATA = "open_data", "Imported from an Open Referral UK feed"


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeRequestStatus.PENDING)

    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def for_item(self, item):
        return self.for_model(type(item)).filter(object_id=item.pk)


class ChangeRequest(models.Model):
    """A proposed change to a live service or hub, waiting for a publisher's decision.

    `data` holds only the fields that differ from the live row when proposed, as JSON
    (many-to-many fields as lists of primary keys). The live row is untouched until a
    publisher approves; see docs/adr/0040-change-requests-as-json.md.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(encoder=DjangoJSONEncoder)
    source = models.CharField(max_length=20, choices=ChangeRequestSource.choices, default=ChangeRequestSource.EDIT)
    status = models.CharField(
        max_length=20, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="Why it was sent back, or a note with the approval.")

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]
        constraints = [
            # One change waits per item at a time: a later edit replaces it (marked superseded).
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"Change {self.pk} to {self.content_type.name} {self.object_id}"

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeRequestStatus.PENDING


class AuditEntry(models.Model):
    """One change staff made straight to the live site, kept for ever: who, when, what, old → new.

    For content edited without approval (a hub's timetable sessions, ADR 0044). Services and
    hubs themselves keep their versions with django-simple-history and `ChangeRequest`s.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200, help_text="What it was called then: it may be deleted since.")
    # The item it belongs to (the hub of a session), so its page lists the entries in one query.
    parent_type = models.ForeignKey(ContentType, null=True, on_delete=models.PROTECT, related_name="+")
    parent_id = models.PositiveBigIntegerField(null=True)
    action = models.CharField(max_length=20)  # "added", "changed", "deleted"
    changes = models.JSONField(encoder=DjangoJSONEncoder, default=list, help_text="[[label, old, new], ...]")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["parent_type", "parent_id", "at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.object_repr} {self.action}"


class ContentVersion(models.Model):
    """One row: a counter moved by database triggers on every write to public content.

    See `startforlife.content`. Not written by Django; the triggers keep it.
    """

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Content version {self.number}"
