from django import forms

from safeboard.core.forms import FinancialYearField, GovukForm, VersionedForm

from .models import Edition, Format


class ReportCreateForm(GovukForm):
    year = FinancialYearField(label="Financial year of the report")


class AuthoredSectionForm(VersionedForm):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        label="Text",
        help_text="Markdown: a blank line between paragraphs, # for a heading, - for a list, "
        "**bold**, [a link](https://…). A section left empty is left out of the report.",
    )


class AuthoredSectionAddForm(GovukForm):
    title = forms.CharField(max_length=200)
    body = AuthoredSectionForm.base_fields["body"]


class GenerateForm(GovukForm):
    edition = forms.ChoiceField(
        choices=Edition.choices, widget=forms.RadioSelect, initial=Edition.BOARD, label="Version"
    )
    format = forms.ChoiceField(
        choices=Format.choices, widget=forms.RadioSelect, initial=Format.PDF, label="Format"
    )


class SentForm(VersionedForm):
    sent_to_panel_on = forms.DateField(
        required=False,
        label="Sent to the Child Safeguarding Practice Review Panel on",
        help_text="For example, 2018-10-31",
    )
    sent_to_what_works_on = forms.DateField(
        required=False,
        label="Sent to the What Works Centre on",
        help_text="For example, 2018-10-31",
    )


class CorrectionForm(GovukForm):
    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What does the correction change?",
        help_text="This is printed at the start of the corrected report.",
    )


class LayoutForm(VersionedForm):
    """One row per section: its place, its title, and whether it is shown."""

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places
        for place in places:
            self.fields[f"position_{place.key}"] = forms.IntegerField(
                min_value=0,
                max_value=9999,
                initial=place.position,
                label=f"Place of “{place.default_title}”",
            )
            self.fields[f"title_{place.key}"] = forms.CharField(
                max_length=200, initial=place.title, label=f"Title of “{place.default_title}”"
            )
            self.fields[f"hidden_{place.key}"] = forms.BooleanField(
                required=False, initial=place.hidden, label=f"Leave “{place.default_title}” out"
            )

    def entries(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "key": p.key,
                "position": data[f"position_{p.key}"],
                "title": ""
                if data[f"title_{p.key}"] == p.default_title
                else data[f"title_{p.key}"],
                "hidden": data[f"hidden_{p.key}"],
            }
            for p in self.places
        ]


class SignOffForm(VersionedForm):
    """Signing off, with each small number about people in the narrative confirmed."""

    confirmed = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Numbers about people typed into the narrative",
        help_text="Disclosure control protects the figures that come from the records, not "
        "the words the partnership wrote. Tick each number that may be published as it "
        "stands: a number from 1 to 5 about children or families could identify them.",
    )

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        confirmed = self.fields["confirmed"]
        assert isinstance(confirmed, forms.MultipleChoiceField)
        confirmed.choices = [(n.key, f"“{n.number.excerpt}” in {n.section_title}") for n in numbers]
        if not numbers:
            del self.fields["confirmed"]
