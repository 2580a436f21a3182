"""The five health visiting reviews of the Healthy Child Programme.

National, not local content: every council's timeline needs them from the first deploy,
so they arrive with the schema rather than with the demo content. Staff may reword them.
"""

from django.db import migrations

REVIEWS = [
    {
        "slug": "antenatal-review",
        "name": "Antenatal health promoting review",
        "order": 1,
        "anchor": "pregnancy",
        "unit": "weeks",
        "window_start": 28,
        "window_end": 40,
        "when": "From 28 weeks of pregnancy",
        "what_happens": (
            "A health visitor meets you before your baby is born. They talk with you about "
            "feeding, getting to know your baby, how you are feeling and what support you would like."
        ),
        "where": "At home, at a family hub or by video call",
        "stage": "pregnancy",
    },
    {
        "slug": "new-baby-review",
        "name": "New baby review",
        "order": 2,
        "anchor": "birth",
        "unit": "days",
        "window_start": 10,
        "window_end": 14,
        "when": "10 to 14 days after birth",
        "what_happens": (
            "A health visitor visits you and your baby at home. They check how feeding is going, "
            "how your baby is growing and how you are, and give you your baby's red book."
        ),
        "where": "At home",
        "stage": "newborn",
    },
    {
        "slug": "six-to-eight-week-review",
        "name": "6 to 8 week review",
        "order": 3,
        "anchor": "birth",
        "unit": "weeks",
        "window_start": 6,
        "window_end": 8,
        "when": "When your baby is 6 to 8 weeks old",
        "what_happens": (
            "A health visitor weighs your baby, talks about feeding and sleep, and asks how you "
            "are feeling. This is a good time to talk about low mood or worries."
        ),
        "where": "At home or at a family hub",
        "stage": "newborn",
    },
    {
        "slug": "one-year-review",
        "name": "1 year review",
        "order": 4,
        "anchor": "birth",
        "unit": "months",
        "window_start": 9,
        "window_end": 12,
        "when": "When your baby is 9 to 12 months old",
        "what_happens": (
            "A health visitor looks at how your baby is growing, moving, playing and starting to "
            "talk, and talks with you about food, teeth and keeping safe at home."
        ),
        "where": "At a family hub or at home",
        "stage": "baby",
    },
    {
        "slug": "two-year-review",
        "name": "2 to 2½ year review",
        "order": 5,
        "anchor": "birth",
        "unit": "months",
        "window_start": 24,
        "window_end": 30,
        "when": "When your child is 2 to 2½ years old",
        "what_happens": (
            "A health visitor checks how your child is talking, moving, playing and getting on with "
            "others, and tells you about free childcare and early learning."
        ),
        "where": "At a family hub, at home or at your child's nursery",
        "stage": "toddler",
    },
]


def add_reviews(apps, schema_editor):
    MandatedReview = apps.get_model("offers", "MandatedReview")
    for review in REVIEWS:
        MandatedReview.objects.update_or_create(slug=review["slug"], defaults=review)


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_service_details_search_and_reviews")]

    operations = [migrations.RunPython(add_reviews, migrations.RunPython.noop)]
