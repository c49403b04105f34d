from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "safeboard.governance"
    label = "governance"
    verbose_name = "Boards, subgroups and meetings"
    navigation = [
        ("Boards and meetings", "governance:bodies", 10),
        ("Attendance", "governance:attendance", 15),
    ]

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from . import report, tasks  # noqa: F401 - register the report sections and the task

        autodiscover_modules("panels")  # other modules' contributions to meeting pages
