from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "safeboard.annual"
    label = "annual"
    verbose_name = "The annual report"
    navigation = [("Annual report", "annual:report-list", 70)]
