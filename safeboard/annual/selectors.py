"""Every read of the annual report's records, scoped to what the person may see."""

from django.db.models import Q, QuerySet
from django.http import Http404

from safeboard.core.access import scope_for
from safeboard.core.models import GlossaryTerm, Partnership

from .models import AnnualReport, Edition, ReportFile, ReportLayout, ReportSnapshot, Status


def report_list(*, user, partnership: Partnership) -> QuerySet[AnnualReport]:
    if partnership.pk not in scope_for(user).places:
        return AnnualReport.objects.none()
    return AnnualReport.objects.filter(partnership=partnership)


def report_get(*, user, partnership: Partnership, year: int, revision: int) -> AnnualReport:
    report = (
        report_list(user=user, partnership=partnership)
        .filter(year=year, revision=revision)
        .select_related("partnership", "signed_off_by")
        .first()
    )
    if report is None:
        raise Http404("No such annual report")
    return report


def report_latest_get(*, user, partnership: Partnership, year: int) -> AnnualReport:
    """The year's report as it stands: its latest revision."""
    report = (
        report_list(user=user, partnership=partnership)
        .filter(year=year)
        .select_related("partnership", "signed_off_by")
        .order_by("-revision")
        .first()
    )
    if report is None:
        raise Http404("No such annual report")
    return report


def report_file_list(*, report: AnnualReport, editions: list[str]) -> QuerySet[ReportFile]:
    """The outputs of a report the person may see (the view has checked they see the report)."""
    return report.files.filter(edition__in=editions).select_related("requested_by")


def report_file_get(*, report: AnnualReport, pk: int, editions: list[str]) -> ReportFile:
    found = report_file_list(report=report, editions=editions).filter(pk=pk).first()
    if found is None:
        raise Http404("No such file")
    return found


def published_report_get(*, slug: str, year: int, revision: int | None = None) -> AnnualReport:
    """A published report, for anyone: the latest revision unless one is named."""
    reports = AnnualReport.objects.filter(
        partnership__slug=slug, partnership__is_active=True, year=year, status=Status.PUBLISHED
    ).select_related("partnership")
    if revision is not None:
        reports = reports.filter(revision=revision)
    report = reports.order_by("-revision").first()
    if report is None:
        raise Http404("No published report")
    return report


def published_revisions(report: AnnualReport) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(
        partnership=report.partnership, year=report.year, status=Status.PUBLISHED
    ).order_by("-revision")


def published_file_get(*, report: AnnualReport, format: str) -> ReportFile | None:
    """The latest file of the published version made from the frozen data: a file made
    while the report was a draft may hold figures that changed before sign-off."""
    frozen = ReportSnapshot.objects.filter(report=report, edition=Edition.PUBLISHED).first()
    if frozen is None:
        return None
    return (
        report.files.filter(
            edition=Edition.PUBLISHED,
            format=format,
            status="done",
            data_fingerprint=frozen.fingerprint,
        )
        .order_by("-requested_at")
        .first()
    )


# Reads for composing the report. The report is the partnership's document: it is
# composed from the partnership's records whoever asks, and the views decide who may see it.


def glossary_for_report(partnership: Partnership) -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.filter(partnership=partnership).order_by("term"))


def layout_entries(partnership: Partnership) -> dict[str, dict]:
    layout = ReportLayout.objects.filter(partnership=partnership).first()
    return {entry["key"]: entry for entry in layout.sections} if layout else {}


def layout_get(partnership: Partnership) -> ReportLayout:
    """The partnership's layout, unsaved if it has never chosen one."""
    return ReportLayout.objects.filter(partnership=partnership).first() or ReportLayout(
        partnership=partnership
    )


def frozen_fingerprints(report: AnnualReport) -> set[str]:
    """The fingerprints of the data frozen at sign-off, to tell files made from it."""
    return set(report.snapshots.values_list("fingerprint", flat=True))


def snapshot_data(report: AnnualReport, edition: str) -> dict:
    return ReportSnapshot.objects.get(report=report, edition=edition).data


def reports_not_yet_sent() -> QuerySet[AnnualReport]:
    """Published reports not yet recorded as sent to the Panel and the What Works Centre."""
    return (
        AnnualReport.objects.filter(status=Status.PUBLISHED)
        .filter(Q(sent_to_panel_on__isnull=True) | Q(sent_to_what_works_on__isnull=True))
        .select_related("partnership")
    )
