from typing import cast

from django import forms
from django.db.models import QuerySet

from safeboard.actions.models import Priority
from safeboard.core.forms import GovukForm, VersionedForm
from safeboard.core.models import Agency, Arrangement, Person
from safeboard.core.selectors import agencies_active_in
from safeboard.core.uploads import ACCEPTED, check_upload

from .models import Body, Frequency, MeetingStatus, Presence, SeatRole

# A browser's date field takes only ISO dates: the partnership's own format would leave it blank.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _agencies(partnership) -> QuerySet[Agency]:
    return agencies_active_in(partnership)


def _choose(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class BodyCreateForm(GovukForm):
    name = forms.CharField(max_length=200)
    short_name = forms.CharField(max_length=40, required=False)
    parent = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, empty_label="None (top level)"
    )
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    chair = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, empty_label="Not recorded"
    )
    frequency = forms.ChoiceField(choices=Frequency.choices)
    terms_of_reference = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), label="Terms of reference"
    )
    quorum_seats = forms.IntegerField(min_value=0, label="Quorum: the fewest seats present")
    quorum_agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Quorum: agencies that must be present",
    )

    def __init__(self, *args, people, agencies, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "parent", bodies)
        _choose(self, "chair", people)
        _choose(self, "quorum_agencies", agencies)


class JointBodyCreateForm(BodyCreateForm):
    """Adding a body where the partnership belongs to arrangements: it may be joint."""

    arrangement = forms.ModelChoiceField(
        queryset=Arrangement.objects.none(),
        required=False,
        empty_label="None: a body of this partnership only",
        label="Joint body of an arrangement",
        help_text="A joint body is seen by the people of every partnership in the arrangement",
    )
    field_order = ["arrangement"]

    def __init__(self, *args, arrangements, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "arrangement", arrangements)


class BodyForm(BodyCreateForm, VersionedForm):
    pass


class SeatCreateForm(GovukForm):
    position = forms.CharField(max_length=200)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No agency (independent, lay member)",
    )
    is_essential = forms.BooleanField(
        required=False, initial=True, label="Essential: expected at every meeting"
    )
    representative = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, empty_label="None"
    )
    deputy = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, empty_label="None"
    )
    role = forms.ChoiceField(
        choices=SeatRole.choices,
        initial=SeatRole.MEMBER,
        widget=forms.RadioSelect,
        label="Role on the body",
        help_text="The chair of a subgroup runs its meetings; a member sees its work",
    )

    def __init__(self, *args, people, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "agency", agencies)
        _choose(self, "representative", people)
        _choose(self, "deputy", people)


class SeatForm(SeatCreateForm, VersionedForm):
    is_active = forms.BooleanField(required=False, initial=True, label="The seat is in use")


class MeetingCreateForm(GovukForm):
    date = forms.DateField(widget=DATE)
    theme = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        empty_label="Not a themed meeting",
        label="Theme (a business-plan priority)",
    )
    status = forms.ChoiceField(choices=MeetingStatus.choices, widget=forms.RadioSelect)

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "theme", priorities)


class MeetingForm(MeetingCreateForm, VersionedForm):
    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    decisions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


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
    agency = forms.ModelChoiceField(queryset=Agency.objects.none())
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="How the agency meets this priority",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "agency", agencies)


class EscalationForm(GovukForm):
    raised_by = forms.CharField(max_length=200, help_text="Who raised it, and their role")
    raised_by_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), required=False, empty_label="None"
    )
    about_agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="About which agencies",
    )
    concern = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    raised_on = forms.DateField(widget=DATE)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _choose(self, "raised_by_agency", _agencies(partnership))
        _choose(self, "about_agencies", _agencies(partnership))


class EscalationUpdateForm(VersionedForm):
    handling = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    resolved_on = forms.DateField(required=False, widget=DATE)
    resolution = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class GovernanceSettingsForm(VersionedForm):
    attendance_threshold = forms.IntegerField(
        min_value=0, max_value=100, label="Flag essential agencies attending less than (%)"
    )
