from django.urls import include, path, register_converter

from safeboard.core.periods import FinancialYear, PeriodError, parse_year

from . import views

app_name = "annual"


class FinancialYearConverter:
    """A year in an address as the partnership writes it, 2017-18; the view gets 2017."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> int:
        try:
            return parse_year(value).start_year
        except PeriodError as error:
            raise ValueError(str(error)) from error

    def to_url(self, value: int) -> str:
        return FinancialYear(int(value)).label


register_converter(FinancialYearConverter, "fy")

report_patterns = [
    path("", views.report_page, name="report"),
    path("preview/<str:edition>/", views.report_preview, name="report-preview"),
    path("sections/new/", views.section_add, name="section-add"),
    path("sections/<slug:key>/", views.section_edit, name="section-edit"),
    path("generate/", views.report_generate, name="report-generate"),
    path("files/<int:pk>/", views.file_status, name="file-status"),
    path("files/<int:pk>/download/", views.file_download, name="file-download"),
    path("submit/", views.report_submit, name="report-submit"),
    path("return/", views.report_return, name="report-return"),
    path("sign-off/", views.report_sign_off, name="report-sign-off"),
    path("publish/", views.report_publish, name="report-publish"),
    path("sent/", views.report_sent, name="report-sent"),
    path("correct/", views.report_correct, name="report-correct"),
]

urlpatterns = [
    path("p/<slug:slug>/annual-reports/", views.report_list_page, name="report-list"),
    path("p/<slug:slug>/annual-reports/new/", views.report_create, name="report-create"),
    path("p/<slug:slug>/annual-reports/layout/", views.layout_edit, name="layout-edit"),
    path("p/<slug:slug>/annual-reports/<fy:year>/<int:revision>/", include(report_patterns)),
    path("published/<slug:slug>/<fy:year>/", views.public_report, name="public-report"),
    path(
        "published/<slug:slug>/<fy:year>/revision/<int:revision>/",
        views.public_report,
        name="public-revision",
    ),
    path(
        "published/<slug:slug>/<fy:year>/download/<str:format>/",
        views.public_download,
        name="public-download",
    ),
]
