"""Governance sections of the annual report: attendance, membership and the functions of
each body, from records. Assembled for the partnership as a whole (the annual module
decides who may see it), so these reads are not scoped to a person."""

from django.urls import reverse

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import Cell, Chart, Figure, Section, Source, Table, register

from . import analytics
from .models import Body, Seat
from .selectors import body_attendance_rates, partnership_and_joint_bodies, settings_get


def main_board(partnership: Partnership) -> Body | None:
    """The top body: no parent, first in the partnership's order."""
    return Body.objects.filter(partnership=partnership, parent__isnull=True).first()


def _url(partnership: Partnership, name: str, **kwargs) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": partnership.slug, **kwargs})


@register("attendance", "Quality of meeting attendance", order=1100)
def attendance(partnership: Partnership, year: FinancialYear) -> Section | None:
    body = main_board(partnership)
    if body is None:
        return None
    rates = body_attendance_rates(partnership=partnership, body=body, year=year)
    if not rates:
        return None
    threshold = settings_get(partnership=partnership).attendance_threshold
    source = Source(
        label=f"Attendance at {body.name}, {year.label}",
        url=_url(partnership, "attendance") + f"?body={body.pk}&year={year.label}",
    )
    table = Table(
        key="attendance-by-agency",
        caption=f"Attendance at {body.name} by agency, {year.label}",
        columns=["Agency", "Meetings attended", "Meetings held", "Attendance (%)", "Essential"],
        rows=[
            [
                Cell(r.agency + (" (synthetic)" if r.synthetic else "")),
                _meetings(r.attended, source),
                _meetings(r.meetings, source),
                Cell(
                    round(r.rate),
                    kind="percent",
                    base_of=(i, 1),
                    source=source,
                    counts="meetings",
                    base=r.meetings,
                ),
                Cell("Yes" if r.essential else "No"),
            ]
            for i, r in enumerate(rates)
        ],
        source=source,
    )
    description = analytics.attendance_summary(rates, threshold=threshold)
    paragraphs, figures = _attendance_sentences(rates, threshold)
    return Section(
        key="attendance",
        title="Quality of meeting attendance",
        paragraphs=paragraphs,
        figures=figures,
        charts=[
            Chart(
                key="attendance-by-agency",
                title=f"Attendance by agency at {body.name}, {year.label}",
                description=description,
                spec=analytics.rate_chart_spec(rates, threshold=threshold),
                table=table,
            )
        ],
    )


def _meetings(number: int, source: Source) -> Cell:
    """Meetings are the partnership's own business: counted, never withheld."""
    return Cell(number, kind="count", source=source, counts="meetings")


def _attendance_sentences(rates: list[analytics.AgencyRate], threshold: int):
    """Who attended every meeting, which essential agencies fell below the threshold, and
    which agencies need not attend every meeting, as templates over their figures."""
    full = sum(1 for r in rates if r.attended == r.meetings)
    figures = [
        Figure(
            "full-attendance",
            "Agencies at every meeting",
            Cell(full, "count", counts="agencies"),
            card=False,
        ),
        Figure("agencies", "Agencies", Cell(len(rates), "count", counts="agencies"), card=False),
    ]
    paragraphs = ["{figure:full-attendance} of {figure:agencies} agencies attended every meeting."]
    flagged = [r.agency for r in rates if r.below_threshold]
    if flagged:
        threshold_cell = Cell(threshold, "percent", counts="meetings", base=100)
        figures += [
            Figure("threshold", "Attendance expected", threshold_cell, card=False),
            Figure("below-threshold", "Below it", Cell(", ".join(flagged), "name"), card=False),
        ]
        paragraphs[0] += " Essential agencies below {figure:threshold}: {figure:below-threshold}."
    not_essential = [r.agency for r in rates if not r.essential]
    if not_essential:
        names = Cell(", ".join(not_essential), "name")
        figures.append(Figure("not-essential", "Not essential", names, card=False))
        paragraphs.append("Not essential at every meeting: {figure:not-essential}.")
    return paragraphs, figures


@register("membership", "Membership", order=1200)
def membership(partnership: Partnership, year: FinancialYear) -> Section | None:
    body = main_board(partnership)
    if body is None:
        return None
    seats = list(Seat.objects.filter(body=body, is_active=True).select_related("agency"))
    if not seats:
        return None
    source = Source(label=f"Seats on {body.name}", url=_url(partnership, "body", pk=body.pk))
    return Section(
        key="membership",
        title=f"{body.name} membership",
        tables=[
            Table(
                key="membership",
                caption=f"{body.name} membership",
                columns=["Agency", "Position"],
                rows=[
                    [Cell(s.agency.name if s.agency else s.position), Cell(s.position)]
                    for s in seats
                ],
                source=source,
            )
        ],
    )


@register("functions", "Functions of each body", order=1400)
def functions(partnership: Partnership, year: FinancialYear) -> Section | None:
    bodies = list(partnership_and_joint_bodies(partnership))
    if not bodies:
        return None
    source = Source(label="Boards, subgroups and panels", url=_url(partnership, "bodies"))
    return Section(
        key="functions",
        title="Functions of each body",
        tables=[
            Table(
                key="functions",
                caption="The partnership's bodies and what they do",
                columns=["Body", "Reports to", "Purpose", "Meets"],
                rows=[
                    [
                        Cell(
                            b.name
                            + (f" (joint: {b.arrangement.display_name})" if b.arrangement else "")
                        ),
                        Cell(b.parent.name if b.parent else ""),
                        Cell(b.purpose),
                        Cell(b.get_frequency_display()),
                    ]
                    for b in bodies
                ],
                source=source,
            )
        ],
    )
