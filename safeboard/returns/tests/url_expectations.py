"""Who gets what from the statutory returns pages: the business unit imports data, so
only it sees the files received (their names, errors and counts) and may upload more."""

from django.core.files.uploadedfile import SimpleUploadedFile

from safeboard.core.testing import BU_FORM, Ask, slug

from .builders import EPISODES_HEADER, csv_bytes
from .factories import ReturnIngestFactory


def ingest(cast):
    return ReturnIngestFactory(partnership=cast.partnership).pk


def episodes(cast):
    """A return the upload form accepts: an SSDA903 episodes table, with its council."""
    content = csv_bytes(EPISODES_HEADER, "C1,01/05/2023,S,C2,N1,U1,PR1,,,,,,")
    return {"file": SimpleUploadedFile("episodes.csv", content), "la": "852", "year": "2023-24"}


EXPECTATIONS = {
    "returns:ingest-list": Ask("get", {"slug": slug}, BU_FORM),
    "returns:ingest-upload": Ask("get", {"slug": slug}, BU_FORM, form=episodes),
    "returns:results": Ask("get", {"slug": slug}, BU_FORM),
    "returns:ingest-detail": Ask("get", {"slug": slug, "pk": ingest}, BU_FORM),
}
