"""The people of a partnership (their memberships): members read; the business unit, and an
agency lead for their own agency's people, invite, change and deactivate."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import identity, services
from ..access import require
from ..models import Membership, Role
from ..rules import can_invite, can_manage_people_of
from ..selectors import agency_get, membership_get, membership_list
from ..views.people import PEOPLE_COLUMNS, membership_status
from .base import PartnershipApi
from .listing import Pages, list_parameters, ordered, paged, search_of


class PersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()
    job_title = serializers.CharField()
    version = serializers.IntegerField()


class AgencyBrief(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ServiceBrief(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MembershipOutput(serializers.ModelSerializer):
    person = PersonOutput()
    agency = AgencyBrief(allow_null=True)
    service = ServiceBrief(allow_null=True, help_text="One of the agency's services, or none")
    roles = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "person", "agency", "service", "roles", "is_active", "status", "version"]

    def get_roles(self, membership) -> list[str]:
        return [r.role for r in membership.roles.all()]

    def get_status(self, membership) -> str:
        return membership_status(membership)


def _roles_field():
    return serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), min_length=1)


class MembershipApi(PartnershipApi):
    def membership(self, pk: int) -> Membership:
        return membership_get(user=self.request.user, partnership=self.partnership, pk=pk)

    def agency(self, pk: int | None):
        if pk is None:
            return None
        try:
            return agency_get(user=self.request.user, partnership=self.partnership, pk=pk)
        except Http404 as missing:
            raise serializers.ValidationError({"agency": ["No such agency here."]}) from missing

    def service(self, agency, pk: int | None):
        """One of the agency's services, named by its id."""
        if pk is None:
            return None
        service = None if agency is None else agency.services.filter(pk=pk).first()
        if service is None:
            raise serializers.ValidationError({"service": ["No such service of that agency."]})
        return service

    def require_manager(self, membership: Membership) -> None:
        require(can_manage_people_of(self.request.user, self.partnership.pk, membership.agency_id))

    def answer(self, membership: Membership, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.membership(membership.pk)
        return Response(MembershipOutput(fresh).data, status=code)


class PeopleListApi(MembershipApi):
    pagination_class = Pages

    class PersonInviteInput(serializers.Serializer):
        email = serializers.EmailField()
        first_name = serializers.CharField(max_length=150)
        last_name = serializers.CharField(max_length=150)
        job_title = serializers.CharField(max_length=200, required=False, default="")
        agency = serializers.IntegerField(allow_null=True, required=False, default=None)
        service = serializers.IntegerField(
            allow_null=True, required=False, default=None, help_text="One of the agency's services"
        )
        roles = _roles_field()

    @extend_schema(
        responses=MembershipOutput(many=True),
        parameters=list_parameters(PEOPLE_COLUMNS, "Search by name, email or job title"),
    )
    def get(self, request, slug):
        people = membership_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        )
        people = ordered(request, people, PEOPLE_COLUMNS, "name")
        return paged(self, request, people, MembershipOutput)

    @extend_schema(request=PersonInviteInput, responses={201: MembershipOutput})
    def post(self, request, slug):
        """Invite a person: they are emailed a link to choose their password."""
        require(can_invite(request.user, self.partnership.pk))
        given = self.PersonInviteInput(data=request.data)
        given.is_valid(raise_exception=True)
        agency = self.agency(given.validated_data["agency"])
        data = {
            **given.validated_data,
            "agency": agency,
            "service": self.service(agency, given.validated_data["service"]),
        }
        membership = services.person_invite(
            actor=request.user, partnership=self.partnership, **data
        )
        return self.answer(membership, status.HTTP_201_CREATED)


class PersonDetailApi(MembershipApi):
    class PersonUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1, help_text="The person's version")
        first_name = serializers.CharField(max_length=150, required=False)
        last_name = serializers.CharField(max_length=150, required=False)
        email = serializers.EmailField(required=False)
        job_title = serializers.CharField(max_length=200, required=False, allow_blank=True)

    @extend_schema(responses=MembershipOutput)
    def get(self, request, slug, pk):
        return Response(MembershipOutput(self.membership(pk)).data)

    @extend_schema(request=PersonUpdateInput, responses=MembershipOutput)
    def patch(self, request, slug, pk):
        """Change a person's name, email or job title. Send the person's `version`.

        A person who belongs to other partnerships too is changed by themselves, or by
        agreement of every partnership's business unit (on their page): here, 403."""
        membership = self.membership(pk)
        self.require_manager(membership)
        given = self.PersonUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        version = data.pop("version")
        person = membership.person
        current = {name: getattr(person, name) for name in _PERSON_FIELDS}
        identity.person_update(
            actor=request.user,
            membership=membership,
            expected_version=version,
            **{**current, **data},
        )
        return self.answer(membership)


_PERSON_FIELDS = identity.DETAIL_FIELDS


class MembershipUpdateApi(MembershipApi):
    class MembershipUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1, help_text="The membership's version")
        agency = serializers.IntegerField(allow_null=True)
        service = serializers.IntegerField(
            allow_null=True,
            required=False,
            default=None,
            help_text="One of the agency's services; none if left out",
        )
        roles = _roles_field()

    @extend_schema(request=MembershipUpdateInput, responses=MembershipOutput)
    def put(self, request, slug, pk):
        """Set a person's agency, service and roles in this partnership. Send the
        membership's `version`."""
        membership = self.membership(pk)
        self.require_manager(membership)
        given = self.MembershipUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        agency = self.agency(data["agency"])
        services.membership_update(
            actor=request.user,
            membership=membership,
            expected_version=data["version"],
            agency=agency,
            service=self.service(agency, data["service"]),
            roles=data["roles"],
        )
        return self.answer(membership)


def _membership_action(service, summary: str):
    """An endpoint that applies one service to a membership and answers with it."""

    class MembershipActionApi(MembershipApi):
        @extend_schema(request=None, responses=MembershipOutput, summary=summary)
        def post(self, request, slug, pk):
            membership = self.membership(pk)
            service(actor=request.user, membership=membership)
            return self.answer(membership)

    return MembershipActionApi


MembershipDeactivateApi = _membership_action(
    services.membership_deactivate, "End a person's access to this partnership"
)
MembershipReactivateApi = _membership_action(
    services.membership_reactivate, "Give a person access to this partnership again"
)
InvitationResendApi = _membership_action(
    services.invitation_resend, "Email a person a new invitation"
)
