import factory
from django.utils import timezone

from safeboard.performance.models import Indicator, Observation


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="s47-started"))
    area = "local"
    period_kind = "quarter"
    start_year = 2017
    quarter = 1
    value = 76
    source = "Children's Services"
    recorded_at = factory.LazyFunction(timezone.now)
