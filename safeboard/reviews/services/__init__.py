"""Every write to case reviews, each in one transaction with its audit event.

The business unit and the case review group record and change; the chair and the
independent scrutineer read only; nobody else may see the records at all.
"""

from .papers import action_plan_prepare, group_set
from .referrals import (
    closure_day_add,
    closure_day_remove,
    decision_record,
    decision_update,
    referral_create,
    referral_record_notification,
    referral_record_rapid_review,
    referral_update,
    settings_update,
)
from .reviews import (
    learning_product_add,
    review_commission,
    review_milestones_set,
    review_update,
    theme_create,
)

__all__ = [
    "action_plan_prepare",
    "group_set",
    "closure_day_add",
    "closure_day_remove",
    "decision_record",
    "decision_update",
    "learning_product_add",
    "referral_create",
    "referral_record_notification",
    "referral_record_rapid_review",
    "referral_update",
    "review_commission",
    "review_milestones_set",
    "review_update",
    "settings_update",
    "theme_create",
]
