"""The business plan's section of the annual report: progress by priority, from records.

The report is assembled for the partnership as a whole (the annual module decides who
may see it), so these reads are not scoped to a person.
"""

from django.urls import reverse

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import Cell, Figure, Section, Source, Table, register

from .models import Action, Priority, Status
from .selectors import planned_actions

STATUS_COLUMNS = [Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DROPPED]


@register("business-plan", "Business plan progress", order=300)
def business_plan(partnership: Partnership, year: FinancialYear) -> Section | None:
    priorities = list(Priority.objects.filter(partnership=partnership, year=year.start_year))
    if not priorities:
        return None
    grouped = planned_actions(priorities)
    url = reverse("actions:plan", kwargs={"slug": partnership.slug}) + f"?year={year.label}"
    source = Source(label=f"Business plan {year.label}", url=url)
    rows = []
    for priority in priorities:
        actions = grouped[priority.pk]
        counts = [sum(1 for a in actions if a.status == s) for s in STATUS_COLUMNS]
        rows.append(
            [
                Cell(str(priority)),
                _actions(len(actions), source),
                *[_actions(n, source) for n in counts],
            ]
        )
    progress = Table(
        key="business-plan-progress",
        caption=f"Planned actions by priority, {year.label}",
        columns=["Priority", "Planned actions", *[s.label for s in STATUS_COLUMNS]],
        rows=rows,
        total_columns=(1,),
        source=source,
    )
    details = [_priority_table(p, grouped[p.pk], source) for p in priorities]
    total = sum(len(a) for a in grouped.values())
    done = sum(1 for a in grouped.values() for x in a if x.status == Status.COMPLETED)
    return Section(
        key="business-plan",
        title="Business plan progress",
        paragraphs=[
            "The partnership had {figure:priorities} priorities in {figure:year}, with "
            "{figure:planned} planned actions; {figure:completed} were completed."
        ],
        figures=[
            Figure("priorities", "Priorities", Cell(len(priorities), "count", counts="priorities")),
            Figure("year", "Year", Cell(year.label, "period"), card=False),
            Figure("planned", "Planned actions", _actions(total, source)),
            Figure("completed", "Actions completed", _actions(done, source)),
        ],
        tables=[progress, *details],
    )


def _actions(number: int, source: Source) -> Cell:
    """Actions are the partnership's own work: counted, never withheld."""
    return Cell(number, kind="count", source=source, counts="actions")


def _priority_table(priority: Priority, actions: list[Action], source: Source) -> Table:
    return Table(
        key=f"business-plan-priority-{priority.number}",
        caption=str(priority),
        columns=["Planned action", "What was done and by whom", "Impact on children", "Status"],
        rows=[
            [
                Cell(
                    f"{a.recommendation.reference}. {a.description}"
                    if a.recommendation.reference
                    else a.description
                ),
                Cell(a.what_was_done),
                Cell(a.impact_on_children),
                Cell(a.get_status_display()),
            ]
            for a in actions
        ],
        source=source,
    )
