"""Case reviews in the API: across the caller's partnerships, and within one."""

from django.urls import path

from . import api

app_name = "reviews-api"

urlpatterns = [
    path(
        "case-reviews/referrals/",
        api.ReferralsEverywhereApi.as_view(),
        name="referrals-everywhere",
    ),
    path(
        "partnerships/<slug:slug>/case-reviews/referrals/",
        api.ReferralListApi.as_view(),
        name="referrals",
    ),
    path(
        "partnerships/<slug:slug>/case-reviews/referrals/<int:pk>/",
        api.ReferralDetailApi.as_view(),
        name="referral",
    ),
    path(
        "partnerships/<slug:slug>/case-reviews/reviews/",
        api.ReviewListApi.as_view(),
        name="reviews",
    ),
    path(
        "partnerships/<slug:slug>/case-reviews/reviews/<int:pk>/",
        api.ReviewDetailApi.as_view(),
        name="review",
    ),
    path(
        "partnerships/<slug:slug>/case-reviews/learning-products/",
        api.LearningProductListApi.as_view(),
        name="learning-products",
    ),
]
