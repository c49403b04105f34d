from django import forms

from safeboard.core.forms import GovukForm, VersionedForm
from safeboard.core.uploads import IMPORT_LIMIT, check_data_upload

from .models import Theme


class ImportForm(GovukForm):
    kind = forms.ChoiceField(
        choices=[("observations", "Observations"), ("population", "Population estimates")],
        widget=forms.RadioSelect,
        label="What the file holds",
    )
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text="Every row is checked; if any is wrong, nothing is imported and each "
        f"problem is listed with its row and column. Up to {IMPORT_LIMIT.stated}; CSV files "
        "in UTF-8.",
    )

    def clean_file(self):
        return check_data_upload(self.cleaned_data["file"], limit=IMPORT_LIMIT)


class ThemeFilterForm(GovukForm):
    theme = forms.ChoiceField(
        choices=[("", "All themes"), *Theme.choices], required=False, label="Theme"
    )


class IndicatorChoiceForm(VersionedForm):
    target = forms.DecimalField(
        required=False,
        max_digits=12,
        decimal_places=3,
        label="Target (optional)",
        help_text="In the indicator's unit. With a direction of good, it sets the RAG rating.",
    )
    chosen_source = forms.CharField(
        required=False,
        max_length=100,
        label="Source to rely on (optional)",
        help_text="When two sources give a figure for the same period, this one is used",
    )
    is_published = forms.BooleanField(
        required=False,
        label="Publish this indicator",
        help_text="Published figures pass through disclosure control",
    )
