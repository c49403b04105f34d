"""Governance background jobs."""

from django.tasks import task

from . import services


@task()
def build_meeting_pack(pack_id: int) -> None:
    services.meeting_pack_build(pack_id=pack_id)
