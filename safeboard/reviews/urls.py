from django.urls import include, path

from .views import papers, public, referrals, reviews, settings

app_name = "reviews"

partnership_patterns = [
    path("", referrals.open_referrals, name="open"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/new/", referrals.referral_create, name="referral-create"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/edit/", referrals.referral_edit, name="referral-edit"),
    path(
        "referrals/<int:pk>/notification/",
        referrals.referral_notification,
        name="referral-notification",
    ),
    path(
        "referrals/<int:pk>/rapid-review/",
        referrals.referral_rapid_review,
        name="referral-rapid-review",
    ),
    path("referrals/<int:pk>/decision/", referrals.referral_decision, name="referral-decision"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/new/", reviews.review_create, name="review-create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review-edit"),
    path("reviews/<int:pk>/milestones/", reviews.review_milestones, name="review-milestones"),
    path(
        "reviews/<int:pk>/recommendations/new/",
        reviews.review_recommendation_add,
        name="review-recommendation-add",
    ),
    path(
        "reviews/<int:pk>/recommendations/<int:recommendation_pk>/actions/new/",
        reviews.review_action_add,
        name="review-action-add",
    ),
    path("meetings/<int:pk>/action-plan/", papers.action_plan_paper, name="meeting-action-plan"),
    path(
        "meetings/<int:pk>/action-plan/prepare/",
        papers.action_plan_prepare,
        name="meeting-action-plan-prepare",
    ),
    path("themes/", reviews.theme_list, name="themes"),
    path("themes/new/", reviews.theme_create, name="theme-create"),
    path("learning/", reviews.learning_list, name="learning"),
    path("learning/new/", reviews.learning_create, name="learning-create"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/names/", settings.settings_edit, name="settings-edit"),
    path("settings/group/", papers.group_edit, name="settings-group"),
    path("settings/closure-days/new/", settings.closure_day_add, name="closure-day-add"),
    path(
        "settings/closure-days/<int:pk>/remove/",
        settings.closure_day_remove,
        name="closure-day-remove",
    ),
]

urlpatterns = [
    path("p/<slug:slug>/case-reviews/", include(partnership_patterns)),
    path("public/<slug:slug>/case-reviews/", public.published, name="public"),
]
