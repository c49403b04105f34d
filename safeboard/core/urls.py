from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from .views import (
    account,
    accounts,
    agencies,
    arrangements,
    audit,
    glossary,
    pages,
    partnerships,
    people,
    second_factor,
    tokens,
)

app_name = "core"

partnership_patterns = [
    path("", partnerships.dashboard, name="dashboard"),
    path("settings/", partnerships.partnership_settings, name="partnership-settings"),
    path("settings/edit/", partnerships.partnership_edit, name="partnership-edit"),
    path("settings/la-code/", partnerships.la_code_add, name="la-code-add"),
    path("settings/neighbours/", partnerships.neighbours_set, name="neighbours-set"),
    path("agencies/", agencies.agency_list_page, name="agency-list"),
    path("agencies/new/", agencies.agency_create, name="agency-create"),
    path("agencies/join/", agencies.agency_join, name="agency-join"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency-detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency-edit"),
    path("agencies/<int:pk>/with-us/", agencies.agency_terms_edit, name="agency-terms-edit"),
    path(
        "agencies/<int:pk>/services/new/",
        agencies.agency_service_create,
        name="agency-service-create",
    ),
    path(
        "agencies/<int:pk>/services/<int:service_pk>/edit/",
        agencies.agency_service_edit,
        name="agency-service-edit",
    ),
    path("people/", people.people_list, name="people"),
    path("people/invite/", people.person_invite, name="person-invite"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/membership/", people.membership_edit, name="membership-edit"),
    path("people/<int:pk>/deactivate/", people.membership_deactivate, name="membership-deactivate"),
    path("people/<int:pk>/reactivate/", people.membership_reactivate, name="membership-reactivate"),
    path("people/<int:pk>/resend-invitation/", people.invitation_resend, name="invitation-resend"),
    path("people/<int:pk>/unlock/", people.lockout_clear, name="person-unlock"),
    path(
        "people/<int:pk>/reset-authenticator/",
        people.second_factor_reset,
        name="person-second-factor-reset",
    ),
    path(
        "people/<int:pk>/identity-changes/<int:change_pk>/approve/",
        people.identity_change_approve,
        name="identity-change-approve",
    ),
    path(
        "people/<int:pk>/identity-changes/<int:change_pk>/decline/",
        people.identity_change_decline,
        name="identity-change-decline",
    ),
    path(
        "arrangements/proposals/new/",
        arrangements.arrangement_propose,
        name="arrangement-propose",
    ),
    path(
        "arrangements/proposals/<int:pk>/",
        arrangements.arrangement_proposal,
        name="arrangement-proposal",
    ),
    path(
        "arrangements/proposals/<int:pk>/agree/",
        arrangements.arrangement_proposal_agree,
        name="arrangement-proposal-agree",
    ),
    path(
        "arrangements/proposals/<int:pk>/decline/",
        arrangements.arrangement_proposal_decline,
        name="arrangement-proposal-decline",
    ),
    path(
        "arrangements/proposals/<int:pk>/withdraw/",
        arrangements.arrangement_proposal_withdraw,
        name="arrangement-proposal-withdraw",
    ),
    path("glossary/", glossary.glossary_page, name="glossary"),
    path("glossary/new/", glossary.glossary_create, name="glossary-create"),
    path("glossary/<int:pk>/edit/", glossary.glossary_edit, name="glossary-edit"),
    path("glossary/<int:pk>/delete/", glossary.glossary_delete, name="glossary-delete"),
    path("audit/", audit.audit_page, name="audit"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accounts/sign-in/", accounts.SignInView.as_view(), name="sign-in"),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("accounts/code/", second_factor.second_factor_step, name="second-factor"),
    path("accounts/code/set-up/", second_factor.second_factor_set_up, name="second-factor-set-up"),
    path("accounts/password-reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path(
        "accounts/password-reset/sent/",
        TemplateView.as_view(template_name="core/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password-reset/done/",
        TemplateView.as_view(template_name="core/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        accounts.invitation_accept,
        name="invitation-accept",
    ),
    path("account/", account.your_account, name="account"),
    path("account/details/", account.own_details_edit, name="account-details"),
    path("account/api-tokens/", tokens.api_tokens, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", tokens.api_token_revoke, name="api-token-revoke"),
    path("partnerships/", partnerships.partnership_list_page, name="partnership-list"),
    path("partnerships/new/", partnerships.partnership_create, name="partnership-create"),
    path("p/<slug:slug>/", include(partnership_patterns)),
]
