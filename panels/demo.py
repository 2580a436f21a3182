"""Demo content for the panels app, loaded by `python manage.py seed_demo`."""


def seed(log) -> None:
    pass
