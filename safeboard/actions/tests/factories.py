import datetime

import factory
from django.contrib.contenttypes.models import ContentType

from safeboard.actions.models import Action, Priority, Recommendation
from safeboard.core.tests.factories import AgencyFactory, PartnershipFactory


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2017
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    partnership = factory.SubFactory(PartnershipFactory)
    text = factory.Sequence(lambda n: f"Recommendation {n}")
    theme = "Neglect"
    date_agreed = datetime.date(2017, 4, 1)


class PlannedRecommendationFactory(RecommendationFactory):
    """A recommendation sourced from a business-plan priority."""

    class Params:
        priority = None

    source_type = factory.LazyAttribute(
        lambda o: ContentType.objects.get_for_model(Priority) if o.priority else None
    )
    source_id = factory.LazyAttribute(lambda o: o.priority.pk if o.priority else None)
    partnership = factory.LazyAttribute(
        lambda o: o.priority.partnership if o.priority else PartnershipFactory()
    )
    theme = factory.LazyAttribute(lambda o: o.priority.title if o.priority else "Neglect")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    recommendation = factory.SubFactory(RecommendationFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner_agency = factory.SubFactory(AgencyFactory)
    due_date = datetime.date(2018, 3, 31)
    last_update_on = datetime.date(2017, 4, 1)
