"""What every endpoint shares: who may ask, and the partnership named in the address."""

from rest_framework.views import APIView

from ..access import is_business_unit, require
from ..selectors import partnership_get


class PartnershipApi(APIView):
    # An endpoint of one partnership, found by the slug in its address (404 if not theirs).

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.partnership = partnership_get(user=request.user, slug=kwargs["slug"])

    def require_business_unit(self) -> None:
        """Refuse a write to anyone but the business unit (403: they see, but may not change)."""
        require(is_business_unit(self.request.user, self.partnership.pk))
