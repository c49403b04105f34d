from typing import cast

from django import forms

from safeboard.core.forms import GovukForm
from safeboard.core.periods import FinancialYear, PeriodError, parse_year
from safeboard.core.uploads import RETURN_LIMIT, check_data_upload
from safeboard.performance.models import Indicator

from .councils import matching
from .pipeline import sniff
from .selectors import AreaKind, FigureFilter


class ReturnUploadForm(GovukForm):
    file = forms.FileField(
        label="Return file",
        help_text="A CIN census XML file, or one SSDA903 table (header, episodes or missing) "
        "as CSV in UTF-8. The kind of file is worked out from what it holds. Up to "
        f"{RETURN_LIMIT.stated}.",
    )
    la = forms.RegexField(
        regex=r"^\d{3}$",
        required=False,
        label="Council's DfE number (SSDA903 tables only)",
        help_text="Three digits, e.g. 852. Not needed for a CIN census file, which says.",
        error_messages={"invalid": "Enter the council's three-digit DfE number"},
    )
    year = forms.CharField(
        required=False,
        label="Financial year (SSDA903 tables only)",
        help_text="For example, 2023-24",
    )

    def clean_file(self):
        upload = check_data_upload(self.cleaned_data["file"], limit=RETURN_LIMIT)
        kind = sniff(upload.read(4096))
        upload.seek(0)
        if kind is None:
            raise forms.ValidationError(
                "This is neither a CIN census XML file nor an SSDA903 table (header, episodes "
                "or missing)."
            )
        self.kind = kind
        return upload

    def clean_year(self):
        text = self.cleaned_data["year"].strip()
        if not text:
            return None
        try:
            return parse_year(text).start_year
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error


class FigureFilterForm(GovukForm):
    la = forms.CharField(
        required=False,
        label="Council",
        help_text="Its DfE number or ONS code, for example 852 or E06000045",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    indicator = forms.ChoiceField(required=False, label="Indicator")
    area = forms.ChoiceField(
        required=False, choices=[("", "Any area"), *AreaKind.choices], label="Area"
    )
    year = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Financial year"
    )

    def __init__(self, *args, indicators: list[Indicator], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["indicator"]).choices = [
            ("", "Any indicator"),
            *[(i.code, i.name) for i in indicators],
        ]
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", "Any year"),
            *[(year, FinancialYear(year).label) for year in years],
        ]

    def clean_la(self):
        text = self.cleaned_data["la"].strip()
        if text and not matching(text):
            raise forms.ValidationError(
                "Enter the DfE number (three digits) or ONS code of a council in England"
            )
        return text

    @property
    def chosen(self) -> FigureFilter | None:
        """The filters asked for; None when they make no sense (the form says why)."""
        if not self.is_bound:
            return FigureFilter()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return FigureFilter(
            council=data["la"], indicator=data["indicator"], area=data["area"], year=data["year"]
        )
