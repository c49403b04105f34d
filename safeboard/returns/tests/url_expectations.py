"""Who gets what from the statutory returns pages: the business unit imports data, so
only it sees the files received (their names, errors and counts) and may upload more."""

from safeboard.core.testing import BU_FORM, Ask, slug

from .factories import ReturnIngestFactory


def ingest(cast):
    return ReturnIngestFactory(partnership=cast.partnership).pk


EXPECTATIONS = {
    "returns:ingest-list": Ask("get", {"slug": slug}, BU_FORM),
    "returns:ingest-upload": Ask("get", {"slug": slug}, BU_FORM),
    "returns:results": Ask("get", {"slug": slug}, BU_FORM),
    "returns:ingest-detail": Ask("get", {"slug": slug, "pk": ingest}, BU_FORM),
}
