"""Every read of the returns module, scoped to the person asking."""

from collections.abc import Mapping

import pyarrow as pa
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404

from safeboard.core.access import scope_for
from safeboard.performance.models import Indicator

from . import pipeline
from .catalogue import MAPPINGS
from .indicators import DEFINITIONS, Result, Returns, compute
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


def returns_of(partnership, *, la: str | None = None) -> Returns:
    """The accepted returns' tables (all councils, or one), from the file storage.

    On a local disk DuckDB reads the Parquet files itself; from object storage they are
    read through the storage API. Not scoped to a person: it serves computations and the
    command line, which decide who may see their results.
    """
    accepted = ReturnIngest.objects.filter(partnership=partnership, status=IngestStatus.ACCEPTED)
    if la is not None:
        accepted = accepted.filter(la=la)
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
        paths = {t: [default_storage.path(n) for n in found] for t, found in names.items()}
    except NotImplementedError:
        tables = {
            table: pa.concat_tables(pipeline.read_table(default_storage, n) for n in found)
            for table, found in names.items()
        }
        return Returns(tables=tables, files=files)
    return Returns(tables={}, files=files, paths=paths)


def indicator_results(
    partnership, *, la: str | None = None, population: Mapping[tuple[str, int], int] | None = None
) -> list[Result]:
    """The indicators computed from the partnership's returns, as plain rows.

    `population` maps (council's DfE number, financial year's first calendar year) to
    the 0-17 population, giving rates per 10,000.
    """
    return compute(returns_of(partnership, la=la), population=population)


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
