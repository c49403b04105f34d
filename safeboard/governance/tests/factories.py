import datetime

import factory

from safeboard.core.tests.factories import PartnershipFactory
from safeboard.governance.models import Body, Meeting, MeetingStatus, Seat


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Body {n}")
    purpose = "Decides"
    frequency = "quarterly"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    position = factory.Sequence(lambda n: f"Position {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2017, 6, 1)
    status = MeetingStatus.HELD
