import factory

from safeboard.core.models import Agency, GlossaryTerm, Membership, Partnership, Person, Sector


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    region = "E12000008"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Agency {n:03d}")
    sector = Sector.OTHER

    @factory.post_generation
    def serves(self, create, partnerships, **kwargs):
        if create and partnerships:
            self.partnerships.add(*partnerships)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = "Jo"
    last_name = factory.Sequence(lambda n: f"Person{n:03d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    partnership = factory.SubFactory(PartnershipFactory)

    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        if create:
            for role in roles or ["viewer"]:
                self.roles.create(role=role)


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    partnership = factory.SubFactory(PartnershipFactory)
    term = factory.Sequence(lambda n: f"TERM{n}")
    meaning = "A term"
