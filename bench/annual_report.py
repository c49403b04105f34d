"""`make bench`: how long the demo's annual report takes to make, step by step.

Builds the demo partnership in a throwaway database, then measures side by side in one
run: composing the data (queries and analytics), drawing the charts, rendering the HTML,
and the end-to-end PDF against WeasyPrint rendering the same final HTML alone (the floor).
It also checks that composing takes no more queries when there are more records.
Targets (issue 9): composition + charts + HTML under 2 s; PDF within 1.3x the floor.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 3


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["SAFEBOARD_DATA_DIR"] = tempfile.mkdtemp(prefix="safeboard-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())


def _best(step) -> tuple[float, object]:
    times, result = [], None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return min(times), result


def _queries(step) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        step()
    return len(captured)


def main() -> None:
    _setup()
    from weasyprint import HTML

    from safeboard.annual.compose import compose_live
    from safeboard.annual.models import AnnualReport
    from safeboard.annual.output import html_to_pdf, render_html
    from safeboard.annual.present import present
    from safeboard.core import charts
    from safeboard.core.models import GlossaryTerm

    report = AnnualReport.objects.select_related("partnership").get(
        partnership__slug="southampton", year=2017
    )

    def compose():
        return compose_live(report, edition="board")

    def draw():
        charts._svg.cache_clear()
        return present(composed)

    compose_s, composed = _best(compose)
    plain_s, _ = _best(lambda: present(composed, draw_charts=False))
    drawn_s, presented = _best(draw)
    html_s, html = _best(lambda: render_html(composed, for_print=True, presented=presented))
    pdf_s, _ = _best(lambda: html_to_pdf(render_html(compose(), for_print=True)))
    floor_s, _ = _best(lambda: HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True))
    charts_s = max(drawn_s - plain_s, 0.0)

    before = _queries(compose)
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(partnership=report.partnership, term=f"Term {n}", meaning="Bench")
        for n in range(500)
    )
    after = _queries(compose)

    sections = len(composed.sections)
    print(f"The demo's annual report 2017-18: {sections} sections, best of {ROUNDS} rounds")
    print(f"  compose (queries and analytics)   {compose_s * 1000:8.1f} ms  ({before} queries)")
    print(f"  draw the charts                   {charts_s * 1000:8.1f} ms")
    print(f"  render the HTML                   {html_s * 1000:8.1f} ms")
    total = compose_s + charts_s + html_s
    verdict = "within" if total < 2 else "OVER"
    print(f"  compose + charts + HTML           {total * 1000:8.1f} ms  ({verdict} the 2 s target)")
    ratio = pdf_s / floor_s if floor_s else float("nan")
    verdict = "within" if ratio <= 1.3 else "OVER"
    print(f"  PDF end to end                    {pdf_s * 1000:8.1f} ms")
    print(f"  WeasyPrint alone on the same HTML {floor_s * 1000:8.1f} ms  (the floor)")
    print(f"  PDF / floor                       {ratio:8.2f} x   ({verdict} the 1.3x target)")
    grows = "does not grow" if after <= before else "GROWS"
    print(f"  queries with 500 more records     {after:8d}     (was {before}: {grows})")


if __name__ == "__main__":
    main()
