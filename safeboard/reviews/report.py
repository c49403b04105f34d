"""The annual report's "Case reviews and learning" section, from the records.

Every figure is counted from referrals, decisions, reviews and learning products. The
working draft shows exact counts; the published report passes them through disclosure
control (the composer's job, via `core.disclosure`).
"""

from collections import Counter

from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse

from safeboard.actions.models import Action
from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import Cell, Figure, Section, Source, Table, named, register

from .models import (
    DecisionOutcome,
    LearningProduct,
    ProductKind,
    Referral,
    Review,
    ReviewKind,
    ReviewStatus,
    Theme,
)
from .selectors import recommendations_from_reviews


def _source(label: str, partnership: Partnership, name: str) -> Source:
    return Source(label=label, url=reverse(f"reviews:{name}", kwargs={"slug": partnership.slug}))


def _count(value: int, source: Source, counts: str = "referrals") -> Cell:
    return Cell(value, kind="count", source=source, counts=counts)


@register("case-reviews", "Case reviews and learning", order=600)
def case_reviews(partnership: Partnership, year: FinancialYear) -> Section | None:
    referrals = Referral.objects.filter(
        partnership=partnership, became_aware__range=(year.start, year.end)
    )
    reviews = _reviews_of_the_year(partnership, year)
    products = LearningProduct.objects.filter(
        partnership=partnership, delivered_on__range=(year.start, year.end)
    )
    if not (referrals.exists() or reviews.exists() or products.exists()):
        return None
    by_decision = Counter(referrals.values_list("decision__outcome", flat=True))
    referral_source = _source(f"Referrals received in {year}", partnership, "referrals")
    decisions = decision_table(by_decision, referral_source)
    paragraph, figures = _decision_sentence(decisions)
    return Section(
        key="case-reviews",
        title="Case reviews and learning",
        paragraphs=[paragraph],
        figures=figures,
        tables=[
            decisions,
            _theme_table(partnership, year),
            _review_table(partnership, year, reviews),
            _published_table(partnership, year, reviews),
            _learning_table(partnership, year, products),
            *_action_plan_tables(partnership, year),
        ],
        glossary_terms=["SCR"],
    )


def _decision_sentence(decisions: Table) -> tuple[str, list[Figure]]:
    """How many referrals came and what was decided, naming the decision table's cells, so
    the sentence prints what the table prints. Every decision is named, none left out for
    being 0, and no word agrees with a number: either would tell what a "c" hides. One
    withheld with a small count is left out, as the table does not say which is which."""
    *outcomes, (_, received) = decisions.rows
    total_at = (decisions.key, len(outcomes), 1)
    figures = [Figure("referrals", "Referrals received", received, same_as=total_at)]
    sentence = f"Referrals received in the year: {named('referrals')}."
    for r, (label, count) in enumerate(outcomes):
        key, decision = f"decided-{r}", f"decision-{r}"
        figures.append(Figure(key, label.value, count, card=False, same_as=(decisions.key, r, 1)))
        figures.append(
            Figure(decision, "Decision", Cell(_decided(label.value), "name"), card=False)
        )
        sentence += f"[[ {named(decision)}: {named(key)}.]]"
    return sentence, figures


AWAITING = "Awaiting a decision"


def _decided(label: str) -> str:
    """A decision's name as a sentence begins it (a name may hold a year: "before 2019")."""
    return AWAITING if label == AWAITING else f"Decided as {label.lower()}"


def decision_table(by_decision: Counter, source: Source) -> Table:
    """The year's referrals by decision, in the order of the public page's table, so both
    are published by the same decision (`analytics.published_decisions`)."""
    rows = [
        [Cell(label), _count(by_decision[outcome], source)]
        for outcome, label in DecisionOutcome.choices
    ]
    rows.append([Cell(AWAITING), _count(by_decision[None], source)])
    rows.append([Cell("All referrals"), _count(sum(by_decision.values()), source)])
    return Table(
        key="referrals-by-decision",
        caption="Referrals by decision",
        columns=["Decision", "Referrals"],
        rows=rows,
        total_rows=(len(rows) - 1,),
        source=source,
    )


def _theme_table(partnership: Partnership, year: FinancialYear) -> Table:
    in_year = Q(referrals__became_aware__range=(year.start, year.end))
    themes = (
        Theme.objects.filter(partnership=partnership)
        .annotate(count=Count("referrals", filter=in_year, distinct=True))
        .filter(count__gt=0)
        .order_by("-count", "name")
    )
    source = _source(f"Themes of the referrals received in {year}", partnership, "themes")
    return Table(
        key="themes",
        caption="Themes identified from the year's referrals",
        columns=["Theme", "Referrals"],
        rows=[[Cell(theme.name), _count(theme.count, source)] for theme in themes],
        source=source,
    )


def _reviews_of_the_year(partnership: Partnership, year: FinancialYear):
    """Reviews commissioned by the end of the year and not published before it began."""
    return Review.objects.filter(partnership=partnership, commissioned_on__lte=year.end).exclude(
        publication_date__lt=year.start
    )


def _review_table(partnership: Partnership, year: FinancialYear, reviews) -> Table:
    underway = Counter(
        reviews.filter(Q(publication_date__isnull=True) | Q(publication_date__gt=year.end))
        .exclude(status=ReviewStatus.CLOSED)
        .values_list("kind", flat=True)
    )
    published = Counter(
        reviews.filter(publication_date__range=(year.start, year.end)).values_list(
            "kind", flat=True
        )
    )
    source = _source(f"Reviews underway or published in {year}", partnership, "reviews")
    return Table(
        key="reviews",
        caption="Reviews underway at the end of the year, and published in it",
        columns=["Kind of review", "Underway", "Published"],
        rows=[
            [
                Cell(label),
                _count(underway[kind], source, "reviews"),
                _count(published[kind], source, "published reviews"),
            ]
            for kind, label in ReviewKind.choices
            if underway[kind] or published[kind]
        ],
        source=source,
    )


def _published_table(partnership: Partnership, year: FinancialYear, reviews) -> Table:
    published = reviews.filter(publication_date__range=(year.start, year.end)).order_by(
        "publication_date"
    )
    source = _source(f"Reviews published in {year}", partnership, "public")
    return Table(
        key="published-reviews",
        caption="Reviews published in the year",
        columns=["Review", "Kind", "Published", "Link"],
        rows=[
            [
                Cell(review.title),
                Cell(review.get_kind_display()),
                Cell(review.publication_date, kind="date"),
                Cell(review.publication_link),
            ]
            for review in published
        ],
        source=source,
    )


def _learning_table(partnership: Partnership, year: FinancialYear, products) -> Table:
    totals = {
        row["kind"]: row
        for row in products.values("kind").annotate(
            products=Count("pk"),
            people_reached=Sum("reached"),
            uncounted=Count("pk", filter=Q(reached__isnull=True)),
        )
    }
    source = _source(f"Learning products delivered in {year}", partnership, "learning")
    rows = []
    for kind, label in ProductKind.choices:
        if kind in totals:
            row = totals[kind]
            rows.append(
                [
                    Cell(label),
                    _count(row["products"], source, "learning products"),
                    _count(row["people_reached"] or 0, source, "practitioners"),
                    _count(row["uncounted"], source, "learning products"),
                ]
            )
    return Table(
        key="learning-products",
        caption="Learning products: how the learning reached practitioners",
        columns=["Kind", "Products", "People reached", "Products with no count of people"],
        rows=rows,
        source=source,
    )


ACTION_PLAN_COLUMNS = [
    "Recommendation",
    "What was done and by whom",
    "What was the impact on children",
]


def _action_plan_tables(partnership: Partnership, year: FinancialYear) -> list[Table]:
    """The reviews' action plans, one table per theme: each action with an update dated in
    the year, beside the recommendation it answers."""
    in_year = Action.objects.filter(
        pk__in=Action.objects.filter(updates__on__range=(year.start, year.end)).values("pk")
    ).order_by("pk")
    recommendations = (
        recommendations_from_reviews(partnership)
        .filter(actions__in=in_year)
        .distinct()
        .prefetch_related(Prefetch("actions", queryset=in_year))
        .order_by("theme", "reference", "pk")
    )
    source = Source(
        label=f"Actions on case review recommendations with an update in {year}",
        url=reverse("actions:by-theme", kwargs={"slug": partnership.slug}),
    )
    by_theme: dict[str, list[list[Cell]]] = {}
    for recommendation in recommendations:
        for action in recommendation.actions.all():
            by_theme.setdefault(recommendation.theme or "Other", []).append(
                [
                    Cell(recommendation.text),
                    Cell(action.what_was_done),
                    Cell(action.impact_on_children),
                ]
            )
    return [
        Table(
            key=f"action-plan-{number}",
            caption=f"Case review action plan: {theme}",
            columns=ACTION_PLAN_COLUMNS,
            rows=rows,
            source=source,
        )
        for number, (theme, rows) in enumerate(by_theme.items(), start=1)
    ]
