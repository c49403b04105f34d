from django import forms

from safeboard.core.forms import GovukForm
from safeboard.core.periods import PeriodError, parse_year

from .pipeline import sniff


class ReturnUploadForm(GovukForm):
    file = forms.FileField(
        label="Return file",
        help_text="A CIN census XML file, or one SSDA903 table (header, episodes or missing) "
        "as CSV. The kind of file is worked out from what it holds.",
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
        upload = self.cleaned_data["file"]
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
