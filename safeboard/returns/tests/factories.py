import factory
from django.utils import timezone

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
