from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AnnualConfig(AppConfig):
    name = "safeboard.annual"
    label = "annual"
    verbose_name = "The annual report"
    navigation = [("Annual report", "annual:report-list", 70)]

    def ready(self) -> None:
        # Each module contributes its section from its own report.py.
        autodiscover_modules("report")
