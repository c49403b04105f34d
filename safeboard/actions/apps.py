from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "safeboard.actions"
    label = "actions"
    verbose_name = "Business plan and actions"
    navigation = [
        ("Business plan", "actions:plan", 20),
        ("Actions", "actions:list", 25),
    ]

    def ready(self) -> None:
        from . import report, tasks  # noqa: F401 - register the report section and the job
