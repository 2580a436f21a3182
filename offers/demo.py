"""Demo content for the offers app, loaded by `python manage.py seed_demo`."""


def seed(log) -> None:
    pass
