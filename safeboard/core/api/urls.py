"""The addresses of the API, version 1, and its schema and documentation."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import agencies, comparators, glossary, partnerships, people

app_name = "api"

partnership_patterns = [
    path("", partnerships.PartnershipDetailApi.as_view(), name="partnership-detail"),
    path("agencies/", agencies.AgencyListApi.as_view(), name="agency-list"),
    path("agencies/join/", agencies.AgencyJoinApi.as_view(), name="agency-join"),
    path("agencies/<int:pk>/", agencies.AgencyDetailApi.as_view(), name="agency-detail"),
    path("people/", people.PeopleListApi.as_view(), name="people"),
    path("people/<int:pk>/", people.PersonDetailApi.as_view(), name="person-detail"),
    path(
        "people/<int:pk>/membership/",
        people.MembershipUpdateApi.as_view(),
        name="membership-update",
    ),
    path(
        "people/<int:pk>/deactivate/",
        people.MembershipDeactivateApi.as_view(),
        name="membership-deactivate",
    ),
    path(
        "people/<int:pk>/reactivate/",
        people.MembershipReactivateApi.as_view(),
        name="membership-reactivate",
    ),
    path(
        "people/<int:pk>/resend-invitation/",
        people.InvitationResendApi.as_view(),
        name="invitation-resend",
    ),
    path("glossary/", glossary.GlossaryListApi.as_view(), name="glossary"),
    path("glossary/<int:pk>/", glossary.GlossaryTermApi.as_view(), name="glossary-term"),
    path("la-codes/", comparators.LaCodeListApi.as_view(), name="la-codes"),
    path(
        "statistical-neighbours/",
        comparators.NeighbourListApi.as_view(),
        name="statistical-neighbours",
    ),
    path(
        "statistical-neighbours/<int:year>/",
        comparators.NeighbourYearApi.as_view(),
        name="statistical-neighbours-year",
    ),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("partnerships/", partnerships.PartnershipListApi.as_view(), name="partnerships"),
    path("partnerships/<slug:slug>/", include(partnership_patterns)),
]
