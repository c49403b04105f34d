"""The `safeboard` command: one entry point over Django's management commands.

safeboard serve | worker | demo | bootstrap | migrate | database_role | ...
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["safeboard", *sys.argv[1:]])


if __name__ == "__main__":
    main()
