"""`safeboard worker`: run background jobs, and the schedule of periodic ones."""

import logging
import os
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from safeboard.core import schedule

logger = logging.getLogger("safeboard.worker")


class Command(BaseCommand):
    help = "Run queued background jobs, and enqueue periodic jobs when they fall due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when the queue is empty"
        )
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=60.0,
            help="Seconds between checks of the periodic schedule",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Run queued jobs only; leave the schedule to other workers",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop"
        )

    def handle(self, *args, **options):
        if not options["no_schedule"]:
            stop = threading.Event()
            thread = threading.Thread(
                target=self.keep_schedule, args=(stop, options["schedule_interval"]), daemon=True
            )
            thread.start()
        worker = Worker(
            queue_names=["default"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=f"{socket.gethostname()}-{os.getpid()}",
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write("Safeboard worker started: running background jobs and the schedule.")
        worker.run()

    def keep_schedule(self, stop: threading.Event, interval: float) -> None:
        while not stop.is_set():
            try:
                for name in schedule.enqueue_due():
                    logger.info("Enqueued periodic job %s", name)
            except Exception:
                logger.exception("Could not check the schedule; will try again")
            finally:
                close_old_connections()
            stop.wait(interval)
