from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "safeboard.demo"
    label = "demo"
    verbose_name = "The demo partnership"
