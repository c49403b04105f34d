from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "safeboard.core"
    label = "core"
    verbose_name = "Partnerships, agencies and people"
    # The partnership's menu: (label, URL name taking the partnership's slug, order).
    # Each module's AppConfig declares its own entries the same way.
    navigation = [
        ("Agencies", "core:agency-list", 80),
        ("People", "core:people", 85),
        ("Glossary", "core:glossary", 90),
        ("Settings", "core:partnership-settings", 95),
    ]

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .audit import discover_actions
        from .middleware import session_started

        discover_actions()
        user_logged_in.connect(session_started, dispatch_uid="safeboard-session-started")

        # Each module contributes to the registries from its own code, found here at
        # start-up in every process: its annual report section (`report.py`, into
        # `core.sections`), its panels on a meeting's page (`panels.py`, into
        # `governance.panels`), and its background and periodic jobs (`tasks.py`, into
        # `core.schedule`).
        autodiscover_modules("report", "panels", "tasks")
