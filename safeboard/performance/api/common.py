"""What the performance API's parts share: the filter of indicators by theme."""

from rest_framework import serializers

from ..models import Theme


class ThemeFilter(serializers.Serializer):
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
