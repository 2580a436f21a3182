from django.apps import AppConfig


class StartForLifeConfig(AppConfig):
    name = "startforlife"
    verbose_name = "Start for Life portal"
