"""Attendance by agency (seed Appendix 2), and the threshold it is measured against."""

from django.http import HttpResponse
from django.shortcuts import render

from safeboard.core.charts import to_svg
from safeboard.core.periods import FinancialYear
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import analytics, selectors, services
from ..forms import GovernanceSettingsForm
from ..rules import can_manage
from .common import page_url, require_business_unit


@partnership_page
def attendance_report(request: PartnershipRequest, partnership) -> HttpResponse:
    bodies = list(selectors.body_list(user=request.user, partnership=partnership))
    if not bodies:
        return render(request, "governance/attendance.html", {"partnership": partnership})
    chosen = request.GET.get("body", "")
    body = next((b for b in bodies if str(b.pk) == chosen), bodies[0])
    years = selectors.attendance_years(user=request.user, partnership=partnership, body=body)
    label = request.GET.get("year", "")
    year = next((y for y in years if FinancialYear(y).label == label), years[0] if years else None)
    rates = (
        selectors.attendance_rates(user=request.user, partnership=partnership, body=body, year=year)
        if year is not None
        else []
    )
    threshold = selectors.settings_get(partnership=partnership).attendance_threshold
    return render(
        request,
        "governance/attendance.html",
        {
            "partnership": partnership,
            "bodies": bodies,
            "body": body,
            "years": [FinancialYear(y) for y in years],
            "year": FinancialYear(year) if year is not None else None,
            "rates": rates,
            "synthetic": any(r.synthetic for r in rates),
            "threshold": threshold,
            "chart": _attendance_chart(body, year, rates, threshold) if rates else "",
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


def _attendance_chart(body, year, rates, threshold) -> str:
    return to_svg(
        analytics.rate_chart_spec(rates, threshold=threshold),
        title=f"Attendance by agency at {body.name}, {FinancialYear(year).label}",
        description=analytics.attendance_summary(rates, threshold=threshold),
    )


@partnership_page
def governance_settings(request: PartnershipRequest, partnership) -> HttpResponse:
    require_business_unit(request, partnership)
    found = selectors.settings_get(partnership=partnership)
    back = page_url("attendance", partnership)
    form = GovernanceSettingsForm(
        request.POST or None,
        initial={"attendance_threshold": found.attendance_threshold, "version": found.version},
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.settings_update(
            actor=request.user,
            partnership=partnership,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: back,
        message="The attendance threshold has been saved.",
        context={"title": "Attendance threshold", "back": back},
    )
