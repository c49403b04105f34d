from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "safeboard.performance"
    label = "performance"
    verbose_name = "The performance dataset"
    navigation = [("Performance", "performance:overview", 40)]
