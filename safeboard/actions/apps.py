from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "safeboard.actions"
    label = "actions"
    verbose_name = "Business plan and actions"
    navigation = [
        ("Business plan", "actions:plan", 20),
        ("Actions", "actions:list", 25),
    ]
