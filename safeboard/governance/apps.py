from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "safeboard.governance"
    label = "governance"
    verbose_name = "Boards, subgroups and meetings"
    navigation = [
        ("Boards and meetings", "governance:bodies", 10),
        ("Attendance", "governance:attendance", 15),
    ]
