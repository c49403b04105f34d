"""The partnership's glossary: members read it; the business unit keeps it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import services
from ..models import GlossaryTerm
from ..selectors import glossary_list, glossary_term_get
from ..views.glossary import GLOSSARY_COLUMNS
from .base import PartnershipApi
from .listing import Pages, list_parameters, ordered, paged, search_of


class GlossaryTermOutput(serializers.ModelSerializer):
    class Meta:
        model = GlossaryTerm
        fields = ["id", "term", "meaning", "former_term", "version"]


class GlossaryListApi(PartnershipApi):
    pagination_class = Pages

    class GlossaryTermCreateInput(serializers.Serializer):
        term = serializers.CharField(max_length=80)
        meaning = serializers.CharField(max_length=300)
        former_term = serializers.CharField(max_length=80, required=False, default="")

    @extend_schema(
        responses=GlossaryTermOutput(many=True),
        parameters=list_parameters(GLOSSARY_COLUMNS, "Search terms, meanings and former terms"),
    )
    def get(self, request, slug):
        terms = glossary_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        )
        terms = ordered(request, terms, GLOSSARY_COLUMNS, "term")
        return paged(self, request, terms, GlossaryTermOutput)

    @extend_schema(request=GlossaryTermCreateInput, responses={201: GlossaryTermOutput})
    def post(self, request, slug):
        """Add a term (the business unit)."""
        self.require_business_unit()
        given = self.GlossaryTermCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        entry = services.glossary_term_create(
            actor=request.user, partnership=self.partnership, **given.validated_data
        )
        return Response(GlossaryTermOutput(entry).data, status=status.HTTP_201_CREATED)


class GlossaryTermApi(PartnershipApi):
    class GlossaryTermUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        term = serializers.CharField(max_length=80, required=False)
        meaning = serializers.CharField(max_length=300, required=False)
        former_term = serializers.CharField(max_length=80, required=False, allow_blank=True)

    def entry(self, pk: int) -> GlossaryTerm:
        return glossary_term_get(user=self.request.user, partnership=self.partnership, pk=pk)

    @extend_schema(responses=GlossaryTermOutput)
    def get(self, request, slug, pk):
        return Response(GlossaryTermOutput(self.entry(pk)).data)

    @extend_schema(request=GlossaryTermUpdateInput, responses=GlossaryTermOutput)
    def patch(self, request, slug, pk):
        """Change a term (the business unit). Send the `version` you read."""
        entry = self.entry(pk)
        self.require_business_unit()
        given = self.GlossaryTermUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        version = data.pop("version")
        current = {"term": entry.term, "meaning": entry.meaning, "former_term": entry.former_term}
        entry = services.glossary_term_update(
            actor=request.user, entry=entry, expected_version=version, **{**current, **data}
        )
        return Response(GlossaryTermOutput(entry).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        """Remove a term (the business unit)."""
        entry = self.entry(pk)
        self.require_business_unit()
        services.glossary_term_delete(actor=request.user, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)
