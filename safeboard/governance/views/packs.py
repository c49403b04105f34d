"""Meeting packs: asked for, and downloaded when built."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from safeboard.core.uploads import download
from safeboard.core.views.base import PartnershipRequest, partnership_page

from .. import selectors, services
from .common import page_url, require_runner


@partnership_page
def pack_request(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    require_runner(request, meeting.body)
    if request.method == "POST":
        services.meeting_pack_request(actor=request.user, meeting=meeting)
        messages.success(request, "The meeting pack is being built. Refresh this page shortly.")
    return redirect(page_url("meeting", partnership, pk=meeting.pk))


@partnership_page
def pack_download(request: PartnershipRequest, partnership, pk: int, pack_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    pack = selectors.pack_get(meeting=meeting, pk=pack_pk)
    return download(
        pack.file.open("rb"),
        as_attachment=True,
        filename=f"{meeting.body.short_name or 'meeting'}-pack-{meeting.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
