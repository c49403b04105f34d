from django import forms

from safeboard.actions.uploads import ACCEPTED, check_upload
from safeboard.core.forms import GovukForm, VersionedForm
from safeboard.core.models import Agency, Person

from .models import Frequency, MeetingStatus, Presence

DATE = forms.DateInput(attrs={"type": "date"})


def _people(partnership):
    return Person.objects.filter(memberships__partnership=partnership, memberships__is_active=True)


def _agencies(partnership):
    return Agency.objects.filter(partnerships=partnership, is_active=True)


class BodyForm(VersionedForm):
    name = forms.CharField(max_length=200)
    short_name = forms.CharField(max_length=40, required=False)
    parent = forms.ModelChoiceField(queryset=None, required=False, empty_label="None (top level)")
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    chair = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not recorded")
    frequency = forms.ChoiceField(choices=Frequency.choices)
    terms_of_reference = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), label="Terms of reference"
    )
    quorum_seats = forms.IntegerField(min_value=0, label="Quorum: the fewest seats present")
    quorum_agencies = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Quorum: agencies that must be present",
    )

    def __init__(self, *args, partnership, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = bodies
        self.fields["chair"].queryset = _people(partnership)
        self.fields["quorum_agencies"].queryset = _agencies(partnership)


class BodyCreateForm(BodyForm):
    version = None


class SeatForm(VersionedForm):
    position = forms.CharField(max_length=200)
    agency = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="No agency (independent, lay member)"
    )
    is_essential = forms.BooleanField(
        required=False, initial=True, label="Essential: expected at every meeting"
    )
    representative = forms.ModelChoiceField(queryset=None, required=False, empty_label="None")
    deputy = forms.ModelChoiceField(queryset=None, required=False, empty_label="None")
    is_active = forms.BooleanField(required=False, initial=True, label="The seat is in use")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies(partnership)
        self.fields["representative"].queryset = _people(partnership)
        self.fields["deputy"].queryset = _people(partnership)


class SeatCreateForm(SeatForm):
    version = None
    is_active = None


class MeetingForm(VersionedForm):
    date = forms.DateField(widget=DATE)
    theme = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Not a themed meeting",
        label="Theme (a business-plan priority)",
    )
    status = forms.ChoiceField(choices=MeetingStatus.choices, widget=forms.RadioSelect)
    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    decisions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = priorities


class MeetingCreateForm(MeetingForm):
    version = None
    minutes = None
    decisions = None


class AgendaItemForm(GovukForm):
    title = forms.CharField(max_length=300)
    presenter = forms.CharField(max_length=200, required=False)
    paper = forms.FileField(
        required=False, label="Paper (optional)", help_text=f"A {ACCEPTED} file up to 20 MB"
    )

    def clean_paper(self):
        paper = self.cleaned_data.get("paper")
        return check_upload(paper) if paper else None


class AttendanceForm(GovukForm):
    """One choice per seat of the body."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for seat, recorded in rows:
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                choices=Presence.choices,
                widget=forms.RadioSelect,
                label=str(seat),
                initial=recorded.presence if recorded else None,
            )

    def presences(self) -> dict[int, str]:
        return {int(name.removeprefix("seat_")): value for name, value in self.cleaned_data.items()}


class AssuranceForm(GovukForm):
    agency = forms.ModelChoiceField(queryset=None)
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="How the agency meets this priority",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class EscalationForm(GovukForm):
    raised_by = forms.CharField(max_length=200, help_text="Who raised it, and their role")
    raised_by_agency = forms.ModelChoiceField(queryset=None, required=False, empty_label="None")
    about_agencies = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="About which agencies"
    )
    concern = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    raised_on = forms.DateField(widget=DATE)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by_agency"].queryset = _agencies(partnership)
        self.fields["about_agencies"].queryset = _agencies(partnership)


class EscalationUpdateForm(VersionedForm):
    handling = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    resolved_on = forms.DateField(required=False, widget=DATE)
    resolution = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class GovernanceSettingsForm(VersionedForm):
    attendance_threshold = forms.IntegerField(
        min_value=0, max_value=100, label="Flag essential agencies attending less than (%)"
    )
