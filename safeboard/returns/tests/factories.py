import io

import factory
from django.utils import timezone

from safeboard.performance.models import Population
from safeboard.returns import pipeline, services
from safeboard.returns.models import IngestStatus, ReturnIngest


class ReturnIngestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnIngest

    kind = "cin"
    file_name = factory.Sequence(lambda n: f"CIN_852_{2020 + n}.xml")
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    la = "852"
    year = factory.Sequence(lambda n: 2019 + n)
    status = IngestStatus.REJECTED
    errors = factory.LazyFunction(
        lambda: [{"where": "child 1 (line 3)", "field": "CINreferralDate", "problem": "is missing"}]
    )
    submitted_by_name = "Safeboard"
    submitted_at = factory.LazyFunction(timezone.now)


def accept(partnership, content: bytes, name: str) -> ReturnIngest:
    """A return received and accepted, as the background task would leave it."""
    secret = services.pseudonym_secret(partnership=partnership)
    ingest, _ = services.ingest_open(
        actor=None, partnership=partnership, file_name=name, sha256=pipeline.sha256_of(
            io.BytesIO(content))
    )  # fmt: skip
    outcome = pipeline.convert(io.BytesIO(content), name=name, size=len(content), secret=secret)
    return services.ingest_finish(ingest_id=ingest.pk, outcome=outcome)


def estimate(partnership, code: str, count: int, year: int = 2023) -> None:
    """The ONS mid-year estimate of an area's children aged 0-17."""
    Population.objects.create(
        partnership=partnership, area_code=code, year=year, sex="all", age_from=0, age_to=17,
        count=count, source="ONS mid-year estimate", recorded_at=timezone.now(),
    )  # fmt: skip
