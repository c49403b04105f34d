"""The dataset's pages: the overview, an indicator, imports and their templates."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safeboard.core.access import require
from safeboard.core.charts import to_svg
from safeboard.core.listing import EXPORT_FORMATS, Column, export_response
from safeboard.core.views.base import PartnershipRequest, form_page, list_page, partnership_page

from . import imports, presenters, selectors, services
from .forms import ImportForm, IndicatorChoiceForm, ThemeFilterForm
from .models import Area, ImportJob, Theme
from .rules import can_manage

OVERVIEW_COLUMNS = [
    Column("indicator", "Indicator", lambda s: s.indicator.name),
    Column("latest", "Latest", lambda s: s.latest_text),
    Column("previous", "Change on the period before", lambda s: s.previous_text),
    Column("year_ago", "Change on a year before", lambda s: s.year_ago_text),
    Column("comparator", "Against the first comparator", lambda s: s.comparison_text),
    Column("trend", "Trend", lambda s: s.trend.direction),
    Column("rag", "RAG", lambda s: s.rag_text),
]
OBSERVATION_COLUMNS = [
    Column("period", "Period", lambda o: o.period_label),
    Column("area", "Area", lambda o: selectors.area_name(o.area, o.area_code)),
    Column("sex", "Sex", lambda o: o.get_sex_display()),
    Column("age_band", "Age band", lambda o: o.get_age_band_display()),
    Column("value", "Value", lambda o: o.value, numeric=True),
    Column("numerator", "Numerator", lambda o: o.numerator, numeric=True),
    Column("denominator", "Denominator", lambda o: o.denominator, numeric=True),
    Column("reference_year", "Comparator's year", lambda o: o.reference_year or ""),
    Column("source", "Source", lambda o: o.source),
    Column("synthetic", "Synthetic", lambda o: "Yes" if o.is_synthetic else "No"),
    Column("note", "Note", lambda o: o.note),
]


@partnership_page
def overview(request: PartnershipRequest, partnership) -> HttpResponse:
    form = ThemeFilterForm(request.GET or None)
    theme = form.cleaned_data["theme"] if form.is_valid() else ""
    data = selectors.dataset(
        user=request.user, partnership=partnership, theme=theme, areas=selectors.SUMMARY_AREAS
    )
    summaries = [presenters.summarise(item) for item in data]
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS:
        return export_response(
            fmt,
            filename=f"{partnership.slug}-performance",
            columns=OVERVIEW_COLUMNS,
            items=summaries,
        )
    return render(
        request,
        "performance/overview.html",
        {
            "partnership": partnership,
            "form": form,
            "theme": theme,
            "theme_label": dict(Theme.choices).get(theme, ""),
            "summaries": summaries,
            "any_synthetic": any(s.data.has_synthetic for s in summaries),
            "can_import": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def indicator(request: PartnershipRequest, partnership, code: str) -> HttpResponse:
    chosen = selectors.indicator_get(user=request.user, partnership=partnership, code=code)
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS:
        observations = selectors.observation_list(
            user=request.user, partnership=partnership, indicator=chosen
        )
        return export_response(
            fmt,
            filename=f"{partnership.slug}-{chosen.code}",
            columns=OBSERVATION_COLUMNS,
            items=observations,
        )
    siblings = selectors.dataset(user=request.user, partnership=partnership, theme=chosen.theme)
    data = next(d for d in siblings if d.indicator.pk == chosen.pk)
    breakdown = selectors.breakdown(user=request.user, partnership=partnership, data=data)
    charts = [
        (chart, to_svg(chart.spec, title=chart.title, description=chart.description))
        for chart in presenters.indicator_charts(data, siblings)
    ]
    analysis = presenters.analyse(data)
    history = selectors.observation_history_list(
        user=request.user, partnership=partnership, indicator=chosen
    )
    return render(
        request,
        "performance/indicator.html",
        {
            "partnership": partnership,
            "indicator": chosen,
            "data": data,
            "summary": analysis.summary,
            "commentary": analysis.commentary,
            "sums": analysis.sums,
            "charts": charts,
            "rows": _table_rows(data),
            "history": [_history_row(chosen, earlier) for earlier in history],
            "breakdowns": presenters.breakdown_tables(chosen, breakdown),
            "can_choose": can_manage(request.user, partnership.pk),
        },
    )


def _history_row(indicator, earlier) -> dict:
    """A figure that a later import or edit changed: what it was, and when and by whom it
    was replaced."""
    observation = earlier.observation
    return {
        "period": observation.period_label,
        "area": selectors.area_title(observation.area, observation.area_code),
        "source": observation.source,
        "was": presenters.shown(indicator, float(earlier.value)),
        "now": presenters.shown(indicator, float(observation.value)),
        "earlier": earlier,
    }


def _table_rows(data):
    """Every figure used, newest first: ours and the comparators, with provenance."""
    rows = []
    for (area, code), points in data.series.items():
        for point in points:
            rows.append(
                {
                    "area": presenters.OURS
                    if area == Area.LOCAL
                    else selectors.area_title(area, code),
                    "point": point,
                    "shown": presenters.shown(data.indicator, point.value),
                }
            )
    return sorted(rows, key=lambda r: (r["point"].order, r["point"].period_kind), reverse=True)


@partnership_page
def import_file(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = ImportForm(request.POST or None, request.FILES or None)
    overview_url = reverse("performance:overview", kwargs={"slug": partnership.slug})

    def save(data):
        upload, asked = data["file"], {"actor": request.user, "partnership": partnership}
        if imports.rows_in(upload.name, upload) > services.BACKGROUND_ROWS:
            return services.import_job_submit(
                **asked, kind=data["kind"], upload=upload, name=upload.name
            )
        return services.file_import(**asked, kind=data["kind"], name=upload.name, stream=upload)

    return form_page(
        request,
        form=form,
        template="performance/import.html",
        save=save,
        success=lambda done: (
            _job_url(partnership, done) if isinstance(done, ImportJob) else overview_url
        ),
        message=lambda done: (
            "The file is large: it is being imported in the background."
            if isinstance(done, ImportJob)
            else f"The file has been imported: {done.summary}"
        ),
        context={
            "partnership": partnership,
            "back": overview_url,
            "background_rows": f"{services.BACKGROUND_ROWS:,}",
        },
    )


def _job_url(partnership, job) -> str:
    return reverse("performance:import-job", kwargs={"slug": partnership.slug, "pk": job.pk})


@partnership_page
def import_job(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    return render(
        request,
        "performance/import_job.html",
        {
            "partnership": partnership,
            "job": job,
            "back": reverse("performance:import", kwargs={"slug": partnership.slug}),
        },
    )


TEMPLATES = {
    "observations": (imports.OBSERVATION_COLUMNS, imports.OBSERVATION_EXAMPLE),
    "population": (imports.POPULATION_COLUMNS, imports.POPULATION_EXAMPLE),
}


@partnership_page
def import_template(request: PartnershipRequest, partnership, kind: str, fmt: str) -> HttpResponse:
    if kind not in TEMPLATES or fmt not in EXPORT_FORMATS:
        raise Http404("No such template")
    columns, example = TEMPLATES[kind]
    content_type = (
        "text/csv"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(imports.template(columns, example, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{fmt}"'
    return response


POPULATION_COLUMNS = [
    Column("area_code", "Area", lambda p: p.area_code, sort="area_code"),
    Column("year", "Mid-year", lambda p: p.year, sort="year", numeric=True),
    Column("sex", "Sex", lambda p: p.get_sex_display(), sort="sex"),
    Column("age_band", "Age band", lambda p: p.age_band, sort="age_from"),
    Column("count", "People", lambda p: p.count, sort="count", numeric=True),
    Column("source", "Source", lambda p: p.source + (" (synthetic)" if p.is_synthetic else "")),
]


@partnership_page
def population(request: PartnershipRequest, partnership) -> HttpResponse:
    return list_page(
        request,
        items=selectors.population_list(user=request.user, partnership=partnership),
        columns=POPULATION_COLUMNS,
        template="performance/population.html",
        default_sort="year",
        filename=f"{partnership.slug}-population",
        context={"partnership": partnership},
    )


@partnership_page
def indicator_choose(request: PartnershipRequest, partnership, code: str) -> HttpResponse:
    chosen = selectors.indicator_get(user=request.user, partnership=partnership, code=code)
    require(can_manage(request.user, partnership.pk))
    choice = selectors.indicator_choice_get(
        user=request.user, partnership=partnership, indicator=chosen
    )
    page = reverse("performance:indicator", kwargs={"slug": partnership.slug, "code": code})
    initial = {
        "target": choice.target if choice else None,
        "chosen_source": choice.chosen_source if choice else "",
        "is_published": choice.is_published if choice else False,
        "version": choice.version if choice else 1,
    }
    return form_page(
        request,
        form=IndicatorChoiceForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.indicator_choice_set(
            actor=request.user,
            partnership=partnership,
            indicator=chosen,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: page,
        message=f"The choices for “{chosen.name}” have been saved.",
        context={"title": f"Target and source: {chosen.name}", "back": page},
    )
