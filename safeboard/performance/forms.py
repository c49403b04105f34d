from django import forms

from safeboard.core.forms import GovukForm

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
        "problem is listed with its row and column.",
    )


class ThemeFilterForm(GovukForm):
    theme = forms.ChoiceField(
        choices=[("", "All themes"), *Theme.choices], required=False, label="Theme"
    )
