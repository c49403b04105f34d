"""Every read of the returns module, scoped to the person asking."""

import os
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from safeboard.core.access import scope_for
from safeboard.core.models import LocalAuthorityCode
from safeboard.performance.models import AgeBand, Area, Indicator, Observation, Sex

from . import councils, pipeline
from .catalogue import MAPPINGS
from .figures import COMPUTED_SOURCE
from .indicators import DEFINITIONS, Returns
from .models import IngestStatus, Recompute, ReturnIngest


def _visible(user, partnership) -> QuerySet[ReturnIngest]:
    if partnership.pk not in scope_for(user).partnership_ids:
        raise Http404
    return ReturnIngest.objects.filter(partnership=partnership)


def ingest_list(*, user, partnership, search: str = "") -> QuerySet[ReturnIngest]:
    ingests = _visible(user, partnership)
    if search:
        ingests = ingests.filter(file_name__icontains=search)
    return ingests


def ingest_get(*, user, partnership, pk: int) -> ReturnIngest:
    ingest = _visible(user, partnership).filter(pk=pk).first()
    if ingest is None:
        raise Http404
    return ingest


def returns_of(
    partnership, *, la: str | None = None, years: Iterable[int] | None = None
) -> Returns:
    """The accepted returns' tables (all councils, or one; every year, or those named),
    from the file storage.

    On a local disk DuckDB reads the Parquet files itself; from object storage they are
    read through the storage API. Not scoped to a person: it serves computations and the
    command line, which decide who may see their results.
    """
    accepted = ReturnIngest.objects.filter(partnership=partnership, status=IngestStatus.ACCEPTED)
    if la is not None:
        accepted = accepted.filter(la=la)
    if years is not None:
        accepted = accepted.filter(year__in=set(years))
    names: dict[str, list[str]] = {}
    files: dict[tuple[str, str, int], tuple[str, str]] = {}
    # Plain rows, not model instances: a national deployment holds thousands of returns.
    for kind, number, year, file_name, sha256, counts, stored_at in accepted.order_by(
        "pk"
    ).values_list("kind", "la", "year", "file_name", "sha256", "counts", "stored_at"):
        assert year is not None  # an accepted return has its year (a constraint)
        files[(kind, number, year)] = (file_name, sha256)
        for table in counts:
            names.setdefault(table, []).append(pipeline.table_name(stored_at, table))
    try:
        # The names are our own (`pipeline.table_name`), so joined to the folder plainly:
        # a national deployment stores tens of thousands.
        root = default_storage.path("")
        paths = {t: [os.path.join(root, n) for n in found] for t, found in names.items()}
    except NotImplementedError:
        tables = {
            table: pa.concat_tables(pipeline.read_table(default_storage, n) for n in found)
            for table, found in names.items()
        }
        return Returns(tables=tables, files=files)
    return Returns(tables={}, files=files, paths=paths)


def latest_recompute(*, user, partnership) -> Recompute | None:
    """The last time the returns were turned into observations, if ever."""
    return _recomputes(user, partnership).first()


def _recomputes(user, partnership) -> QuerySet[Recompute]:
    if partnership.pk not in scope_for(user).partnership_ids:
        raise Http404
    return Recompute.objects.filter(partnership=partnership)


def returns_indicators(*, user, partnership) -> list[tuple[str, list[Indicator]]]:
    """Each definition's name with the performance indicators it fills, in catalogue order."""
    if partnership.pk not in scope_for(user).partnership_ids:
        raise Http404
    codes = {code for m in MAPPINGS.values() for code in (m.count, m.rate) if code}
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return [
        (DEFINITIONS[code].name, [found[c] for c in (m.count, m.rate) if c in found])
        for code, m in MAPPINGS.items()
    ]


class AreaKind(models.TextChoices):
    COUNCIL = "council", "Councils"
    REGION = "region", "Regions"
    ENGLAND = "england", "England"
    NEIGHBOURS = "neighbours", "Statistical neighbour average"


_AREAS_OF = {
    AreaKind.COUNCIL: (Area.LOCAL, Area.AUTHORITY),
    AreaKind.REGION: (Area.REGION,),
    AreaKind.ENGLAND: (Area.ENGLAND,),
    AreaKind.NEIGHBOURS: (Area.NEIGHBOURS,),
}


@dataclass(frozen=True)
class FigureFilter:
    council: str = ""  # a DfE number or an ONS code
    indicator: str = ""  # a performance indicator's code
    area: str = ""  # an AreaKind
    year: int | None = None  # a financial year's first calendar year


def computed_figure_list(
    *, user, partnership, only: FigureFilter = FigureFilter()
) -> QuerySet[Observation]:
    """The figures recomputes have written from the returns into the performance dataset
    (totals: sex and age band "all"), as they stand now."""
    found = _computed(user, partnership).select_related("indicator")
    if only.council:
        found = found.filter(_council_is(partnership, councils.matching(only.council)))
    if only.indicator:
        found = found.filter(indicator__code=only.indicator)
    if only.area:
        found = found.filter(area__in=_AREAS_OF[AreaKind(only.area)])
    if only.year is not None:
        found = found.filter(start_year=only.year)
    return found


def computed_years(*, user, partnership) -> list[int]:
    """The financial years the computed figures cover, earliest first."""
    years = _computed(user, partnership).order_by("start_year").values_list("start_year", flat=True)
    return list(years.distinct())


def own_codes(*, user, partnership) -> councils.OwnCodes:
    """Which council is the partnership's own, year by year."""
    if partnership.pk not in scope_for(user).partnership_ids:
        raise Http404
    return _own_codes(partnership)


def _computed(user, partnership) -> QuerySet[Observation]:
    if partnership.pk not in scope_for(user).partnership_ids:
        raise Http404
    return Observation.objects.filter(
        partnership=partnership, source=COMPUTED_SOURCE, sex=Sex.ALL, age_band=AgeBand.ALL
    )


def _own_codes(partnership) -> councils.OwnCodes:
    starts = LocalAuthorityCode.objects.filter(partnership=partnership).order_by("from_year")
    return councils.OwnCodes(tuple(starts.values_list("from_year", "code")))


def _council_is(partnership, found: tuple[councils.Council, ...]) -> Q:
    """A council's figures: another authority's by its ONS code, ours (area local) in the
    years it was ours."""
    codes = {council.ons_code for council in found}
    where = Q(area=Area.AUTHORITY, area_code__in=codes)
    for first, last in _own_codes(partnership).years_of(codes):
        years = Q(start_year__gte=first) if last is None else Q(start_year__range=(first, last))
        where |= Q(area=Area.LOCAL) & years
    return where
