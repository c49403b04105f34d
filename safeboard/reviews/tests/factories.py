from datetime import date, timedelta

import factory

from safeboard.core.tests.factories import AgencyFactory, PartnershipFactory
from safeboard.reviews.models import (
    AgeBand,
    Decision,
    DecisionOutcome,
    LearningProduct,
    ProductKind,
    Referral,
    Review,
    ReviewKind,
    Theme,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: f"SR-{n:04d}")
    age_band = AgeBand.UNDER_1
    became_aware = date(2018, 3, 8)
    incident_date = factory.LazyAttribute(lambda r: r.became_aware - timedelta(days=3))
    referring_agency = factory.SubFactory(
        AgencyFactory, serves=factory.SelfAttribute("..partnership")
    )
    what_happened = "An infant was admitted to hospital with injuries."
    died_or_seriously_harmed = True
    abuse_or_neglect = True
    looked_after = False


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    referral = factory.SubFactory(ReferralFactory)
    outcome = DecisionOutcome.LCSPR
    rationale = "The criteria are met and there is learning for the partnership."
    decided_on = date(2018, 4, 20)
    decided_by = "The case review group"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ReviewKind.THEMATIC
    title = factory.Sequence(lambda n: f"Thematic review {n}")
    commissioned_on = date(2018, 5, 1)


class LearningProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningProduct

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ProductKind.BRIEFING
    title = factory.Sequence(lambda n: f"6-step briefing {n}")
    delivered_on = date(2018, 6, 1)
    audience = "Practitioners of every agency"
