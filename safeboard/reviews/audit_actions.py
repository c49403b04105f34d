"""What the case review services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    REFERRAL_CREATE = "reviews.referral.create", "Serious incident recorded"
    REFERRAL_UPDATE = "reviews.referral.update", "Serious incident changed"
    REFERRAL_NOTIFICATION = "reviews.referral.notification", "Notification recorded"
    REFERRAL_RAPID_REVIEW = "reviews.referral.rapid_review", "Rapid review recorded"
    DECISION_RECORD = "reviews.decision.record", "Decision recorded"
    DECISION_UPDATE = "reviews.decision.update", "Decision changed"
    REVIEW_COMMISSION = "reviews.review.commission", "Practice review commissioned"
    REVIEW_UPDATE = "reviews.review.update", "Practice review changed"
    REVIEW_MILESTONES = "reviews.review.milestones", "Practice review's milestones changed"
    ACTION_PLAN_PREPARE = "reviews.action_plan.prepare", "Action plan prepared for a meeting"
    LEARNING_PRODUCT_ADD = "reviews.learning_product.add", "Learning product added"
    THEME_CREATE = "reviews.theme.create", "Learning theme added"
    CLOSURE_DAY_ADD = "reviews.closure_day.add", "Closure day added"
    CLOSURE_DAY_REMOVE = "reviews.closure_day.remove", "Closure day removed"
    REMINDER_SEND = "reviews.reminder.send", "Case review reminder sent"
    SETTINGS_UPDATE = "reviews.settings.update", "Case review settings changed"
    SETTINGS_GROUP = "reviews.settings.group", "Case review group named"
