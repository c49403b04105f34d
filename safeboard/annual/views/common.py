"""What the annual report's pages share."""

from django.http import FileResponse, Http404
from django.urls import reverse

from .. import rules
from ..models import Edition, Status
from ..output import CONTENT_TYPES


def report_url(report, name: str = "annual:report", **extra) -> str:
    kwargs = {"slug": report.partnership.slug, "year": report.year, "revision": report.revision}
    return reverse(name, kwargs={**kwargs, **extra})


def list_url(partnership) -> str:
    return reverse("annual:report-list", kwargs={"slug": partnership.slug})


def editions_for(user, report) -> list[str]:
    """The board version for those allowed exact figures; the published one for every
    member once it is public."""
    editions: list[str] = []
    if rules.can_read_board_version(user, report.partnership_id):
        editions = [Edition.BOARD, Edition.PUBLISHED]
    elif report.status == Status.PUBLISHED:
        editions = [Edition.PUBLISHED]
    return editions


def file_response(made) -> FileResponse:
    if not made.file:
        raise Http404("The file is not ready")
    # The HTML file too is a download: made by the worker, it carries no nonce for this
    # site's content security policy, and opened from disk it needs none.
    return FileResponse(
        made.file.open("rb"),
        as_attachment=True,
        filename=made.download_name,
        content_type=CONTENT_TYPES[made.format],
    )
