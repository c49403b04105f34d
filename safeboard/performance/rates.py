"""Rates and percentages from their counts and bases, with the sum shown."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from .models import Unit

PER = {Unit.PERCENTAGE: 100, Unit.RATE_CHILDREN: 10_000, Unit.RATE_POPULATION: 10_000}
_PLACES = Decimal("0.0001")


def computed_value(unit: str, numerator: Decimal, denominator: Decimal) -> Decimal:
    """A rate or percentage from its count and base; a count is its own numerator."""
    if unit == Unit.COUNT:
        return numerator
    if denominator == 0:
        raise ValidationError("A rate or percentage needs a denominator above 0.")
    return (numerator / denominator * PER[unit]).quantize(_PLACES)  # type: ignore[index]


def computation(unit: str, numerator, denominator) -> str:
    """How a value was computed, for the page: e.g. "522 ÷ 50,200 × 10,000"."""
    if numerator is None or denominator is None or unit == Unit.COUNT:
        return ""
    return f"{numerator:,.0f} ÷ {denominator:,.0f} × {PER[Unit(unit)]:,}"
