"""What every endpoint shares: who may ask, and the partnership named in the address."""

from django.core.exceptions import ValidationError
from rest_framework.views import APIView

from ..access import Place, is_business_unit, require, scope_for
from ..models import Partnership
from ..periods import PeriodError, parse_start_year
from ..selectors import partnership_get


class PartnershipApi(APIView):
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
        require(is_business_unit(self.request.user, self.partnership.pk))

    def year_param(self, name: str = "year") -> int | None:
        """A financial year asked for in the query, as its first year (2017 for 2017-18);
        a year out of range is a 400 naming the parameter."""
        text = self.request.query_params.get(name, "")
        if text == "":
            return None
        try:
            return parse_start_year(text)
        except PeriodError as error:
            raise ValidationError({name: str(error)}) from error
