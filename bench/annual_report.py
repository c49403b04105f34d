"""The annual report: how long the demo's report takes to make, step by step.

Measured side by side in one run: composing the data (queries and analytics), drawing the
charts, rendering the HTML, and the end-to-end PDF against WeasyPrint rendering the same
final HTML alone (the floor, which only the rendering library can lower). Also: composing
takes no more queries when there are more records.
Targets (issue 9): compose + charts + HTML under 2 s; the PDF within 1.3x the floor.

Under `make bench` it reads the demo database `make setup` loaded (and leaves it as it
found it).
"""

from bench.figures import Figure, best_of

ROUNDS = 3
MORE_RECORDS = 500


def run() -> list[Figure]:
    from django.db import transaction
    from weasyprint import HTML

    from safeboard.annual.compose import compose_live
    from safeboard.annual.models import AnnualReport
    from safeboard.annual.output import html_to_pdf, render_html
    from safeboard.annual.present import present
    from safeboard.core import charts

    report = AnnualReport.objects.select_related("partnership").get(
        partnership__slug="southampton", year=2017, revision=1
    )
    composed = compose_live(report, edition="board")
    presented = present(composed)
    html = render_html(composed, for_print=True, presented=presented)

    def draw():
        charts._svg.cache_clear()
        present(composed)

    compose_s = best_of(ROUNDS, lambda: compose_live(report, edition="board"))
    undrawn_s = best_of(ROUNDS, lambda: present(composed, draw_charts=False))
    charts_s = max(best_of(ROUNDS, draw) - undrawn_s, 0.0)
    html_s = best_of(ROUNDS, lambda: render_html(composed, for_print=True, presented=presented))
    pdf_s = best_of(
        ROUNDS,
        lambda: html_to_pdf(render_html(compose_live(report, edition="board"), for_print=True)),
    )
    floor_s = best_of(
        ROUNDS, lambda: HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    )
    with transaction.atomic():
        before, after = _queries_as_records_grow(report)
        transaction.set_rollback(True)
    sections = f"{len(composed.sections)} sections"
    budget = "2 s budget of compose + charts + HTML"
    return [
        Figure(f"Annual report ({sections}): compose", compose_s * 1000, "ms", budget, 2000),
        Figure("Annual report: draw the charts", charts_s * 1000, "ms", budget, 2000),
        Figure("Annual report: render the HTML", html_s * 1000, "ms", budget, 2000),
        Figure(
            "Annual report: compose + charts + HTML",
            (compose_s + charts_s + html_s) * 1000,
            "ms",
            budget,
            2000,
            target="ratio < 1",
        ),
        Figure(
            "Annual report: PDF end to end",
            pdf_s * 1000,
            "ms",
            "WeasyPrint alone on the same HTML",
            floor_s * 1000,
            target="ratio <= 1.3",
        ),
        Figure(
            f"Annual report: queries with {MORE_RECORDS} more records",
            after,
            "queries",
            "queries at the demo's size",
            before,
            target="ratio <= 1",
        ),
    ]


def _queries_as_records_grow(report) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safeboard.annual.compose import compose_live
    from safeboard.core.models import GlossaryTerm

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            compose_live(report, edition="board")
        return len(captured)

    before = count()
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(partnership=report.partnership, term=f"Bench term {n}", meaning="Bench")
        for n in range(MORE_RECORDS)
    )
    return before, count()
