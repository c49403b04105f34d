from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "safeboard.returns"
    label = "returns"
    verbose_name = "Statutory returns"
    navigation = [("Statutory returns", "returns:ingest-list", 60)]
