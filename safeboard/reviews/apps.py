from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "safeboard.reviews"
    label = "reviews"
    verbose_name = "Case reviews and learning"
    navigation = [("Case reviews", "reviews:open", 40)]
