"""The lists a coordinator starts from: safeguarding phrases and feedback themes.

The phrases lean towards over-matching: a false alarm costs a coordinator a minute; a
missed disclosure can cost a child. Coordinators maintain both lists in the workspace.
"""

from django.db import migrations

PHRASES = [
    "abuse", "abused", "abusing", "hit me", "hits me", "hit my baby", "hits the baby", "hurt my baby",
    "hurting the baby", "hurts the baby", "shaking the baby", "shook the baby", "shaken baby", "bruise", "bruises",
    "neglect", "neglected", "left alone", "not safe", "unsafe at home", "scared of him", "scared of her",
    "afraid to go home", "domestic violence", "kill myself", "suicide", "suicidal", "end my life", "self harm",
    "harm myself", "harm the baby", "harm my baby", "sexual", "touched", "threatened", "locked in",
    "no food", "starving", "drunk", "drugs", "social services took", "in danger",
]
THEMES = [
    "Access and opening times", "Feeding support", "Information and how we explain things",
    "Mental health and wellbeing", "Staff attitude and feeling judged", "Dads and co-parents",
    "Travel and getting there", "Waiting times", "Language and interpreting", "Buildings and facilities",
]


def add(apps, schema_editor):
    Phrase = apps.get_model("panels", "SafeguardingPhrase")
    Theme = apps.get_model("panels", "Theme")
    for phrase in PHRASES:
        Phrase.objects.get_or_create(phrase=phrase)
    for name in THEMES:
        Theme.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("panels", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
