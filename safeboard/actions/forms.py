from typing import cast

from django import forms
from django.utils import timezone

from safeboard.core.forms import FinancialYearField, GovukForm, VersionedForm
from safeboard.core.models import Agency, Person
from safeboard.core.uploads import ACCEPTED, check_upload

from .models import Status
from .rag import Rag

# A browser's date field takes only ISO dates: the partnership's own format would leave it blank.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionFilterForm(GovukForm):
    q = forms.CharField(required=False, label="Search")
    source = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Source")
    theme = forms.ChoiceField(required=False, label="Theme")
    agency = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Agency")
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Status.choices], label="Status"
    )
    rag = forms.ChoiceField(
        required=False, choices=[("", "Any RAG"), *[(r.value, r.label) for r in Rag]], label="RAG"
    )
    due_from = forms.DateField(required=False, label="Due from", widget=DATE)
    due_to = forms.DateField(required=False, label="Due by", widget=DATE)

    def __init__(self, *args, sources, themes, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["source"]).choices = [
            ("", "Any source"),
            *[(ct.pk, str(ct.model_class()._meta.verbose_name).capitalize()) for ct in sources],
        ]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", "Any theme"),
            *[(t, t) for t in themes],
        ]
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            ("", "Any agency"),
            *[(a.pk, a.display_name) for a in agencies],
        ]


class ActionUpdateForm(VersionedForm):
    on = forms.DateField(label="Date of the update", widget=DATE)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What has happened")
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)
    dropped_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="If dropped, why",
    )
    what_was_done = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What was done and by whom",
    )
    impact_on_children = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What was the impact on children",
    )
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Evidence of assurance",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)


class EvidenceForm(GovukForm):
    file = forms.FileField(label="Evidence file", help_text=f"A {ACCEPTED} file up to 20 MB")

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class ActionForm(GovukForm):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What will be done"
    )
    owner_agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Owner agency")
    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Owner (optional)",
        empty_label="Nobody named",
    )
    due_date = forms.DateField(label="Due date", widget=DATE)

    def __init__(self, *args, agencies, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner_agency"]).queryset = agencies
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = Person.objects.filter(
            memberships__partnership=partnership, memberships__is_active=True
        )


class ActionEditForm(ActionForm, VersionedForm):
    pass


class RecommendationForm(GovukForm):
    reference = forms.CharField(max_length=20, required=False, help_text="e.g. a, b, 3.2")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation")
    theme = forms.CharField(max_length=200)
    date_agreed = forms.DateField(widget=DATE)


class RecommendationEditForm(RecommendationForm, VersionedForm):
    pass


class RecommendationAndActionForm(RecommendationForm, ActionForm):
    """A recommendation with its first action, as the tracker takes them."""


class PriorityForm(GovukForm):
    year = FinancialYearField(label="Financial year")
    number = forms.IntegerField(min_value=1, label="Number")
    title = forms.CharField(max_length=300)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TrackerSettingsForm(VersionedForm):
    stall_days = forms.IntegerField(min_value=1, label="Red when no update for more than (days)")
    amber_due_within_days = forms.IntegerField(min_value=0, label="Amber when due within (days)")
    amber_not_updated_days = forms.IntegerField(
        min_value=0, label="...and not updated for more than (days)"
    )
