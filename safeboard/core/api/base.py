"""What every endpoint shares: who may ask, what they may ask with, and the partnership
named in the address."""

from rest_framework import serializers
from rest_framework.views import APIView

from ..access import Place, require, scope_for
from ..models import Partnership
from ..rules import can_manage
from ..selectors import partnership_get
from .schema import query_parameters_of


class SafeboardApi(APIView):
    """Every endpoint of the API. A query parameter the endpoint's schema does not declare
    is refused (400, naming it and the accepted ones) rather than silently ignored, so a
    mistyped filter never answers as if it had been applied; so is a blank one, where the
    schema has no blank value (`?year=`), rather than read as not given."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_unknown_parameters(request)


def refuse_unknown_parameters(request) -> None:
    accepted = query_parameters_of(request)
    allowed = ", ".join(sorted(accepted)) or "none"
    refused = {}
    for name, values in request.query_params.lists():
        if name not in accepted:
            refused[name] = [f"This address takes no “{name}”. It accepts: {allowed}."]
        elif "" in values and not accepted[name]:
            refused[name] = [f"Give “{name}” a value, or leave it out."]
    if refused:
        raise serializers.ValidationError(refused)


class PartnershipApi(SafeboardApi):
    # An endpoint of one partnership, found by the slug in its address (404 if not theirs),
    # and the asker's place in it, which a partnership of theirs always has.

    partnership: Partnership
    place: Place

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.partnership = partnership_get(user=request.user, slug=kwargs["slug"])
        self.place = scope_for(request.user).places[self.partnership.pk]

    def require_business_unit(self) -> None:
        """Refuse a write to anyone but the business unit (403: they see, but may not change)."""
        require(can_manage(self.request.user, self.partnership.pk))
