"""Demo content for the hubs app, loaded by `python manage.py seed_demo`."""


def seed(log) -> None:
    pass


def seed_timetable(log) -> None:
    pass
