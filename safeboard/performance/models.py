"""The performance dataset: indicators, their observations by area and period, and the
population that turns counts into rates."""

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear, Quarter


class Theme(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    EXPLOITATION = "exploitation", "Missing, exploited and trafficked"
    THINK_FAMILY = "think_family", "Think family: domestic abuse"
    EDUCATION = "education", "Education and employment"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"


class Kind(models.TextChoices):
    STOCK = "stock", "Stock (a count at a date)"
    FLOW = "flow", "Flow (over a period)"


class Unit(models.TextChoices):
    RATE_CHILDREN = "rate_children", "Rate per 10,000 children aged 0–17"
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Count"
    RATE_POPULATION = "rate_population", "Rate per 10,000 population"


UNIT_SUFFIX = {
    Unit.RATE_CHILDREN: "per 10,000",
    Unit.PERCENTAGE: "%",
    Unit.COUNT: "",
    Unit.RATE_POPULATION: "per 10,000",
}


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    NEITHER = "neither", "Neither: read with care"


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Indicator(models.Model):
    """One measure of the agreed dataset. The built-in catalogue is loaded by a migration."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    subject = models.CharField(
        max_length=200, help_text="As the subject of a sentence: “the rate of …”"
    )
    definition = models.TextField()
    theme = models.CharField(max_length=20, choices=Theme.choices)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    period_months = models.PositiveSmallIntegerField(
        help_text="The months a flow's rate is expressed over: 3 for a quarter, 12 for a year"
    )
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    source_agency = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_months__in=[3, 12]), name="indicator_period_quarter_or_year"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="indicator_unit_known"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="indicator_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def suffix(self) -> str:
        return UNIT_SUFFIX[Unit(self.unit)]


class IndicatorChoice(models.Model):
    """A partnership's choices about one indicator: its target, the source it relies on when
    several give a figure, and whether the figure is published."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="choices")
    target = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    chosen_source = models.CharField(max_length=100, blank=True)
    is_published = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator"], name="indicator_choice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} for {self.partnership}"


class Area(models.TextChoices):
    LOCAL = "local", "Our local authority"
    NEIGHBOURS = "neighbours", "Statistical neighbour average"
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    AUTHORITY = "authority", "Another local authority"


class PeriodKind(models.TextChoices):
    YEAR = "year", "Financial year"
    QUARTER = "quarter", "Quarter"
    ROLLING = "rolling", "Rolling 12 months to a quarter"


def period_label(kind: str, start_year: int, quarter: int) -> str:
    if kind == PeriodKind.YEAR:
        return FinancialYear(start_year).label
    label = Quarter(FinancialYear(start_year), quarter).label
    return f"12 months to {label}" if kind == PeriodKind.ROLLING else label


class Sex(models.TextChoices):
    ALL = "all", "All"
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class AgeBand(models.TextChoices):
    """The age bands of the Department for Education's children's social care statistics."""

    ALL = "all", "All ages (0–17)"
    UNDER_1 = "under_1", "Under 1"
    AGED_1_4 = "1_4", "1 to 4"
    AGED_5_9 = "5_9", "5 to 9"
    AGED_10_15 = "10_15", "10 to 15"
    AGED_16_17 = "16_17", "16 to 17"


# Each band's ages, first and last, as the population estimates give them.
AGE_BAND_AGES = {
    AgeBand.ALL: (0, 17),
    AgeBand.UNDER_1: (0, 0),
    AgeBand.AGED_1_4: (1, 4),
    AgeBand.AGED_5_9: (5, 9),
    AgeBand.AGED_10_15: (10, 15),
    AgeBand.AGED_16_17: (16, 17),
}


def children_described(sex: str, age_band: str) -> str:
    """Whom a figure counts: "female children aged 0–17", "children aged 1–4"."""
    first, last = AGE_BAND_AGES[AgeBand(age_band)]
    ages = "under 1" if last == 0 else f"aged {first}–{last}"
    return f"{'' if sex == Sex.ALL else f'{sex} '}children {ages}"


def _one_of(field: str, values) -> Q:
    """`field` equals one of `values`, as comparisons joined by OR rather than IN: SQLite
    builds a table of an IN list each time it checks a row, which made writing
    observations in bulk about twice as slow."""
    return functools.reduce(operator.or_, (Q(**{field: value}) for value in values))


class Observation(models.Model):
    """One figure of one indicator, for one area and period, from one source: the total
    (sex and age band "all") or one part of its breakdown by sex or by age band."""

    # No index of its own: the unique index below starts with the partnership, and every
    # read names the partnership. Indicators and people are never deleted, so no index on
    # them either: each would slow every write of figures in bulk.
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    area = models.CharField(max_length=12, choices=Area.choices)
    area_code = models.CharField(
        max_length=9, blank=True, help_text="The ONS code of a region or another authority"
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    start_year = models.PositiveSmallIntegerField(help_text="Financial year, e.g. 2017 for 2017-18")
    quarter = models.PositiveSmallIntegerField(default=0, help_text="1 to 4; 0 for a year")
    sex = models.CharField(max_length=6, choices=Sex.choices, default=Sex.ALL, db_default=Sex.ALL)
    age_band = models.CharField(
        max_length=8, choices=AgeBand.choices, default=AgeBand.ALL, db_default=AgeBand.ALL
    )
    value = models.DecimalField(max_digits=14, decimal_places=4)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reference_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="A comparator's own financial year, when not ours"
    )
    source = models.CharField(max_length=100)
    is_synthetic = models.BooleanField(
        default=False, help_text="Made up to fill a gap in the demo; not a real figure"
    )
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_index=False,
    )
    recorded_at = models.DateTimeField()
    file_name = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["indicator", "area", "start_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                # Led by what the dataset reads, so that this index also finds one
                # partnership's totals (sex and age band "all") by indicator and area.
                fields=[
                    "partnership",
                    "indicator",
                    "area",
                    "sex",
                    "age_band",
                    "area_code",
                    "period_kind",
                    "start_year",
                    "quarter",
                    "source",
                ],
                name="observation_once_per_source",
            ),
            models.CheckConstraint(
                # A year has no quarter; a quarter and a rolling year end at one of four.
                condition=Q(period_kind=PeriodKind.YEAR, quarter=0)
                | (
                    _one_of("period_kind", [PeriodKind.QUARTER, PeriodKind.ROLLING])
                    & Q(quarter__gte=1, quarter__lte=4)
                ),
                name="observation_period_is_whole",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=F("denominator")),
                name="observation_numerator_within_denominator",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="observation_value_not_negative"
            ),
            models.CheckConstraint(
                condition=_one_of("area", ["region", "authority"]) | Q(area_code=""),
                name="observation_area_code_only_where_needed",
            ),
            models.CheckConstraint(
                condition=_one_of("sex", Sex.values)
                & _one_of("age_band", AgeBand.values)
                & (Q(sex=Sex.ALL) | Q(age_band=AgeBand.ALL)),
                name="observation_breakdown_by_sex_or_age",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.start_year, self.quarter)


class ObservationHistory(models.Model):
    """A figure as it was before a later import or edit changed it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="history")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    recorded_at = models.DateTimeField(help_text="When the old figure had been recorded")
    replaced_at = models.DateTimeField()
    replaced_by_name = models.CharField(max_length=300)
    file_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.observation}: was {self.value}"


class Population(models.Model):
    """An ONS mid-year estimate for an area, year, sex and age band (age_to None: and over)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    area_code = models.CharField(max_length=9)
    year = models.PositiveSmallIntegerField(help_text="The mid-year, e.g. 2016")
    sex = models.CharField(max_length=6, choices=Sex.choices)
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=100)
    is_synthetic = models.BooleanField(default=False)
    recorded_at = models.DateTimeField()
    file_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["area_code", "year", "sex", "age_from"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                "area_code",
                "year",
                "sex",
                "age_from",
                Coalesce("age_to", Value(-1)),  # one open-ended band too
                name="population_once",
            ),
            models.CheckConstraint(
                condition=Q(age_to__isnull=True) | Q(age_to__gte=F("age_from")),
                name="population_age_band_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} {self.sex} {self.age_band}: {self.count}"

    @property
    def age_band(self) -> str:
        if self.age_to is None:
            return f"{self.age_from} and over"
        return f"{self.age_from}–{self.age_to}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting"
    RUNNING = "running", "Reading"
    IMPORTED = "imported", "Imported"
    REFUSED = "refused", "Refused"


class ImportJob(models.Model):
    """A large file of figures, imported by the background worker (all or nothing, as any
    import) while its page shows how far it has got."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="import_jobs"
    )
    kind = models.CharField(max_length=20, help_text="observations or population")
    file_name = models.CharField(max_length=200)
    # The uploaded file waits here until read, then is deleted.
    incoming = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    # The reader renews its lease as it goes; a job silent for long has lost its reader.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    reads = models.PositiveSmallIntegerField(default=0, help_text="Times reading was begun")
    summary = models.CharField(max_length=200, blank=True)
    problems = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="import_progress_percent")
        ]

    def __str__(self) -> str:
        return f"Import of {self.file_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.IMPORTED, ImportStatus.REFUSED)
