from safeboard.actions.models import Priority, Status
from safeboard.actions.report import business_plan
from safeboard.actions.tests.factories import ActionFactory, PlannedRecommendationFactory
from safeboard.annual.formatting import fill_figures
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import REGISTRY


def test_business_plan_progress_is_counted_from_the_actions(cast):
    neglect = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    for status in [Status.COMPLETED, Status.COMPLETED, Status.IN_PROGRESS]:
        ActionFactory(
            recommendation=PlannedRecommendationFactory(priority=neglect),
            owner_agency=cast.police,
            status=status,
            what_was_done="Training delivered",
        )
    section = business_plan(cast.partnership, FinancialYear(2017))
    progress = section.tables[0]
    assert [c.value for c in progress.rows[0]] == ["2. Neglect", 3, 2, 1, 0, 0]
    assert progress.rows[0][1].source.url == "/p/southampton/plan/?year=2017-18"
    assert section.tables[1].rows[0][1].value == "Training delivered"
    assert "3 planned actions; 2 were completed" in fill_figures(section).paragraphs[0]


def test_actions_are_counted_as_the_partnerships_work_and_never_withheld(cast):
    neglect = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    ActionFactory(recommendation=PlannedRecommendationFactory(priority=neglect))
    section = business_plan(cast.partnership, FinancialYear(2017))
    assert {c.counts for c in section.tables[0].rows[0][1:]} == {"actions"}


def test_a_year_without_priorities_has_no_section(cast):
    assert business_plan(cast.partnership, FinancialYear(2019)) is None


def test_the_section_is_registered_in_the_seeds_place():
    assert REGISTRY["business-plan"].order == 300
