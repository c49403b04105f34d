from typing import cast

from django import forms

from safeboard.core.forms import GovukForm, VersionedForm
from safeboard.core.models import Agency

from .models import (
    AgeBand,
    DecisionOutcome,
    ProductKind,
    Redaction,
    Referral,
    Review,
    ReviewKind,
    ReviewStatus,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def theme_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )


class ReferralForm(GovukForm):
    reference = forms.CharField(
        max_length=40,
        label="Child's reference",
        help_text="A pseudonymous reference, e.g. SR-2026-04. Never the child's name.",
    )
    child_name = forms.CharField(max_length=200, required=False, label="Child's name")
    age_band = forms.ChoiceField(choices=[("", "Choose an age band"), *AgeBand.choices])
    incident_date = date_field("Date of the incident")
    became_aware = date_field(
        "Date the local authority became aware",
        help_text="The notification to the national panel is due 5 working days after this",
    )
    referring_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    what_happened = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    died_or_seriously_harmed = forms.BooleanField(
        required=False, label="The child died or was seriously harmed"
    )
    abuse_or_neglect = forms.BooleanField(
        required=False, label="Abuse or neglect is known or suspected"
    )
    looked_after = forms.BooleanField(
        required=False,
        label="The child is looked after",
        help_text="Ofsted and the Secretary of State are told as well as the national panel",
    )
    why_learn = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Why the partnership might learn from it",
        help_text="Needed when the statutory criteria above are not both met",
    )
    themes = theme_field()

    def __init__(self, *args, agencies, themes, records_child_names: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["referring_agency"]).queryset = agencies
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = themes
        if not records_child_names:
            del self.fields["child_name"]


class ReferralEditForm(ReferralForm, VersionedForm):
    """The same details, but the reference stays: other records and emails name it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reference"]


class NotificationForm(VersionedForm):
    sent = date_field("Date the notification was sent to the national panel")


class RapidReviewForm(VersionedForm):
    held = date_field("Date of the rapid review")


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    decided_on = date_field("Date of the decision")
    decided_by = forms.CharField(
        max_length=200, label="Who decided", help_text="e.g. the case review group"
    )
    panel_view = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="The national panel's view (when received)",
    )
    panel_view_received = date_field("Date the panel's view was received", required=False)


class DecisionEditForm(DecisionForm, VersionedForm):
    pass


class ThemeForm(GovukForm):
    name = forms.CharField(max_length=120, label="Theme", help_text="e.g. Neglect")


class ReviewForm(GovukForm):
    kind = forms.ChoiceField(choices=ReviewKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(max_length=200)
    referral = forms.ModelChoiceField(
        queryset=Referral.objects.none(),
        required=False,
        empty_label="None (a thematic review)",
        help_text="The referral a case review is about",
    )
    commissioned_on = date_field("Date commissioned")
    lead_reviewer = forms.CharField(max_length=200, required=False)
    terms_of_reference = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    themes = theme_field()

    def __init__(self, *args, referrals, themes, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["referral"]).queryset = referrals
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = themes


class ReviewEditForm(VersionedForm):
    title = forms.CharField(max_length=200)
    lead_reviewer = forms.CharField(max_length=200, required=False)
    terms_of_reference = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    status = forms.ChoiceField(choices=ReviewStatus.choices)
    publication_date = date_field("Publication date", required=False)
    publication_link = forms.URLField(required=False, label="Link to the published report")
    redaction = forms.ChoiceField(choices=Redaction.choices, label="Redaction")
    themes = theme_field()

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = themes


class MilestonesForm(VersionedForm):
    """A planned and a done date for each stage of a review."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage, label in Stage.choices:
            self.fields[f"{stage}_planned"] = date_field(f"{label}: planned", required=False)
            self.fields[f"{stage}_done"] = date_field(f"{label}: done", required=False)

    def milestones(self) -> dict:
        data = self.cleaned_data
        return {stage: (data[f"{stage}_planned"], data[f"{stage}_done"]) for stage in Stage.values}


class LearningProductForm(GovukForm):
    kind = forms.ChoiceField(choices=[("", "Choose a kind"), *ProductKind.choices])
    title = forms.CharField(max_length=200, label="What")
    delivered_on = date_field("When")
    audience = forms.CharField(max_length=200, label="For whom")
    reached = forms.IntegerField(
        min_value=0, required=False, label="How many people it reached (optional)"
    )
    review = forms.ModelChoiceField(
        queryset=Review.objects.none(), required=False, empty_label="Not linked to one review"
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["review"]).queryset = reviews


class ClosureDayForm(GovukForm):
    day = date_field("Closure day")
    reason = forms.CharField(max_length=200, help_text="e.g. Council offices closed")


class SettingsForm(VersionedForm):
    records_child_names = forms.BooleanField(
        required=False,
        label="Record children's names on referrals",
        help_text="Off by default: a pseudonymous reference is enough to run a review",
    )


class GroupForm(VersionedForm):
    group: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Which body is the case review group",
        empty_label="None named",
        help_text="The business unit prepares the case review action plan as a paper of its "
        "meetings",
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = bodies
