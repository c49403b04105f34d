"""Case reviews in the API: referrals, reviews and learning products, read through the same
selectors as the pages. They are restricted records: to anyone without a case review role
they are not there (404 within a partnership, an empty list across partnerships), and every
answer that shows any writes one access event naming each record shown."""

from itertools import groupby

from django.db import DatabaseError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from safeboard.core import restricted
from safeboard.core.api.base import PartnershipApi, SafeboardApi
from safeboard.core.api.listing import Pages, paged, search_of
from safeboard.core.api.restricted import NOT_RECORDED, RestrictedApi

from . import selectors
from .models import Decision, LearningProduct, Milestone, Referral, Review


class DecisionOutput(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["outcome", "rationale", "decided_on", "decided_by", "panel_view"]


class ReferralOutput(serializers.ModelSerializer):
    # The child's name, where a partnership records it, never leaves through the API.
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    referring_agency = serializers.CharField(source="referring_agency.name", read_only=True)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "partnership",
            "reference",
            "age_band",
            "incident_date",
            "became_aware",
            "referring_agency",
            "what_happened",
            "died_or_seriously_harmed",
            "abuse_or_neglect",
            "looked_after",
            "why_learn",
            "notification_sent",
            "rapid_review_held",
            "decision",
            "is_synthetic",
            "version",
        ]

    @extend_schema_field(DecisionOutput(allow_null=True))
    def get_decision(self, referral: Referral) -> dict | None:
        decision = getattr(referral, "decision", None)
        return DecisionOutput(decision).data if decision is not None else None


class MilestoneOutput(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["stage", "planned", "done"]


class ReviewOutput(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "kind",
            "title",
            "referral",
            "lead_reviewer",
            "status",
            "commissioned_on",
            "publication_date",
            "publication_link",
            "redaction",
            "themes",
            "is_synthetic",
            "version",
        ]


class ReviewDetailOutput(ReviewOutput):
    milestones = MilestoneOutput(many=True, read_only=True)

    class Meta(ReviewOutput.Meta):
        fields = [*ReviewOutput.Meta.fields, "terms_of_reference", "milestones"]


class LearningProductOutput(serializers.ModelSerializer):
    class Meta:
        model = LearningProduct
        fields = [
            "id",
            "review",
            "kind",
            "title",
            "delivered_on",
            "audience",
            "reached",
            "is_synthetic",
            "version",
        ]


SEARCH = [OpenApiParameter("q", OpenApiTypes.STR, description="Search")]


class ReferralListApi(RestrictedApi, PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=ReferralOutput(many=True), parameters=SEARCH)
    def get(self, request, slug):
        referrals = selectors.referral_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        )
        return paged(self, request, referrals.order_by("-became_aware", "pk"), ReferralOutput)


class ReferralDetailApi(RestrictedApi, PartnershipApi):
    @extend_schema(responses=ReferralOutput)
    def get(self, request, slug, pk):
        referral = selectors.referral_get(user=request.user, partnership=self.partnership, pk=pk)
        self.shown(referral)
        return Response(ReferralOutput(referral).data)


class ReviewListApi(RestrictedApi, PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=ReviewOutput(many=True), parameters=SEARCH)
    def get(self, request, slug):
        reviews = selectors.review_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        ).prefetch_related("themes")
        return paged(self, request, reviews.order_by("-commissioned_on", "pk"), ReviewOutput)


class ReviewDetailApi(RestrictedApi, PartnershipApi):
    @extend_schema(responses=ReviewDetailOutput)
    def get(self, request, slug, pk):
        review = selectors.review_get(user=request.user, partnership=self.partnership, pk=pk)
        self.shown(review)
        return Response(ReviewDetailOutput(review).data)


class LearningProductListApi(RestrictedApi, PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=LearningProductOutput(many=True), parameters=SEARCH)
    def get(self, request, slug):
        products = selectors.learning_product_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        )
        return paged(self, request, products.order_by("-delivered_on", "pk"), LearningProductOutput)


class ReferralsEverywhereApi(RestrictedApi, SafeboardApi):
    """The referrals of every partnership where the caller holds a case review role. Each
    partnership's audit gets its own access event naming its records shown."""

    pagination_class = Pages

    @extend_schema(
        responses=ReferralOutput(many=True),
        parameters=[
            OpenApiParameter(
                "partnership", OpenApiTypes.STR, description="Only this partnership (its slug)"
            )
        ],
    )
    def get(self, request):
        referrals = selectors.referral_list_across(
            user=request.user, partnership_slug=request.query_params.get("partnership", "")
        )
        ordered = referrals.order_by("partnership__name", "-became_aware", "pk")
        return paged(self, request, ordered, ReferralOutput)

    def finalize_response(self, request, response, *args, **kwargs):
        named = request._request.__dict__.get("restricted_records", ())
        try:
            _record_by_partnership(request.user, named)
        except DatabaseError:
            response = Response(
                {"message": NOT_RECORDED, "errors": {}},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        # Past RestrictedApi's own, which would write one event for no partnership.
        return super(RestrictedApi, self).finalize_response(request, response, *args, **kwargs)


@transaction.atomic
def _record_by_partnership(actor, records) -> None:
    by_partnership = sorted(records, key=lambda record: record.partnership_id)
    for partnership_id, theirs in groupby(by_partnership, key=lambda r: r.partnership_id):
        restricted.record_access(
            actor=actor, partnership_id=partnership_id, records=theirs, via="api"
        )
