"""The stages of the 1,001 critical days, shared by the offer, the hubs' sessions and the panel."""

from django.db import models


class Stage(models.TextChoices):
    PREGNANCY = "pregnancy", "Pregnancy"
    NEWBORN = "newborn", "Newborn (birth to 8 weeks)"
    BABY = "baby", "Baby (2 to 12 months)"
    TODDLER = "toddler", "Toddler (1 to 2 years)"


# What a parent clicks, in their own words, and a line under it.
STAGE_ENTRY_POINTS = {
    Stage.PREGNANCY: ("I'm pregnant", "Midwife appointments, antenatal classes, feeding and feeling well."),
    Stage.NEWBORN: ("My baby is under 8 weeks", "Health visitor visits, feeding help, registering the birth."),
    Stage.BABY: ("My baby is 2 to 12 months", "Baby groups, development checks, weaning, going back to work."),
    Stage.TODDLER: ("My child is 1 to 2", "Play and learning, talking, the 1 year and 2 year reviews."),
}
