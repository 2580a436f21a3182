"""What makes a service or hub visible to parents.

Parents see only what someone accountable approved. Every parent-facing page lists items
through `published()`, never through `objects.all()`, so a draft or an archived item
cannot leak by accident. The approval flow (staff workspace) moves items between states.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PublicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        now = now or timezone.now()
        return self.filter(publication_state=PublicationState.PUBLISHED).filter(
            Q(visible_from__isnull=True) | Q(visible_from__lte=now),
            Q(visible_until__isnull=True) | Q(visible_until__gt=now),
        )

    def archived(self):
        return self.filter(publication_state=PublicationState.ARCHIVED)


class Publishable(models.Model):
    # Stable public identifier (URLs of the open data API); never changes for an item.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    publication_state = models.CharField(
        max_length=20, choices=PublicationState.choices, default=PublicationState.DRAFT, db_index=True
    )
    visible_from = models.DateTimeField(
        null=True, blank=True, help_text="Optional. Parents see it from this time. Leave empty to show it at once."
    )
    visible_until = models.DateTimeField(
        null=True, blank=True, help_text="Optional. Parents stop seeing it at this time."
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by each approval; the offer's "published on" date is the latest of these.
    last_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text='Shown to parents as "checked on". Moves when someone confirms it is accurate.'
    )
    review_interval_months = models.PositiveSmallIntegerField(default=6)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member of staff who keeps this accurate.",
    )
    # Optimistic locking: a save based on an older version is refused, never silently merged.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication_state == PublicationState.PUBLISHED
