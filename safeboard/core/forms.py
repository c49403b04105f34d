"""Forms in the GOV.UK Design System's markup, through Django's own form rendering API.

`GovukFormRenderer` points Django at our field and widget templates; `GovukBoundField`
adds the design system's classes and links each input to its hint and error message.
"""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from .models import Agency, AgencyService, Partnership, Region, Role, Sector
from .periods import PeriodError, parse_year

_INPUT_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class GovukBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = self.widget_type
        if kind not in ("radioselect", "checkboxselectmultiple", "hidden"):
            css = _INPUT_CLASS.get(kind, "govuk-input")
            # The widget's own classes (e.g. a width) would otherwise be replaced by these.
            classes = [css, widget.attrs.get("class", ""), attrs.get("class", "")]
            if self.errors and css != "govuk-checkboxes__input":
                classes.append(f"{css}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        described = attrs.get("aria-describedby", "").split()
        if self.errors and f"{self.auto_id}_error" not in described:  # Django may name it
            attrs["aria-describedby"] = " ".join([*described, f"{self.auto_id}_error"])
        return attrs


class GovukFormMixin:
    """GOV.UK fields, with error messages that say what to do ("Enter your email address")."""

    bound_field_class: type[forms.BoundField] | None = GovukBoundField
    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = (field.label or name.replace("_", " ")).lower()
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                verb = (
                    "Choose"
                    if isinstance(
                        field.widget,
                        forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple,
                    )
                    else "Enter"
                )
                field.error_messages["required"] = f"{verb} {_article(label)}{label}"


def _article(label: str) -> str:
    return "" if label.startswith(("the ", "your ", "a ", "an ")) or label.endswith("s") else "the "


class GovukForm(GovukFormMixin, forms.Form):
    pass


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: by field where it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class VersionedForm(GovukForm):
    """Carries the version of the record the person started editing."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FinancialYearField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example, 2017-18")
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "govuk-input--width-5")

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_year(value).start_year
        except PeriodError as error:
            raise ValidationError(str(error)) from error


# Partnerships


class PartnershipCreateForm(GovukForm):
    name = forms.CharField(max_length=200, label="Name of the partnership")
    slug = forms.SlugField(
        max_length=60,
        label="Short web name",
        help_text="Lower-case letters, numbers and hyphens for web addresses, e.g. southampton",
    )
    region = forms.ChoiceField(choices=[("", "Choose a region"), *Region.choices])
    la_code = forms.CharField(
        max_length=9, label="Local authority code", help_text="The ONS code, e.g. E06000045"
    )
    la_code_from_year = FinancialYearField(label="In use from the financial year")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Partnership.objects.filter(slug=slug).exists():
            raise ValidationError("Another partnership already uses this web name.")
        return slug


class PartnershipForm(VersionedForm):
    name = forms.CharField(max_length=200, label="Name of the partnership")
    region = forms.ChoiceField(choices=Region.choices)


class LaCodeForm(GovukForm):
    from_year = FinancialYearField(label="In use from the financial year")
    code = forms.CharField(max_length=9, label="Local authority code", help_text="e.g. E06000045")


class NeighboursForm(GovukForm):
    year = FinancialYearField(label="Financial year")
    neighbours = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Statistical neighbours, closest first",
        help_text="Ten lines, each a local authority code, a comma, and its name",
    )

    def clean_neighbours(self):
        pairs = []
        for number, line in enumerate(self.cleaned_data["neighbours"].splitlines(), start=1):
            if not line.strip():
                continue
            code, comma, name = line.partition(",")
            if not comma or not code.strip() or not name.strip():
                raise ValidationError(
                    f"Line {number} should be a code, a comma and a name, "
                    "e.g. E06000044, Portsmouth"
                )
            pairs.append((code.strip(), name.strip()))
        return pairs


# Agencies


class AgencyDetailsForm(GovukForm):
    """What belongs to the agency itself, the same for every partnership it serves."""

    name = forms.CharField(max_length=200)
    short_name = forms.CharField(max_length=40, required=False, help_text="e.g. UHS")
    sector = forms.ChoiceField(choices=[("", "Choose a sector"), *Sector.choices])


class AgencyForm(AgencyDetailsForm):
    is_statutory_partner = forms.BooleanField(
        required=False,
        label="This agency is a statutory safeguarding partner",
        help_text="The local authority, the health board (ICB) and the police",
    )


class AgencyEditForm(AgencyDetailsForm, VersionedForm):
    """A change to the agency itself. Where it serves other partnerships, the first submit
    is refused with a warning naming them, and the confirmation is asked for then."""

    confirm_shared = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label="Change it for every partnership"
    )

    def ask_to_confirm(self, partnerships: int) -> None:
        field = self.fields["confirm_shared"]
        field.widget = forms.CheckboxInput()
        field.label = f"Yes, change it for all {partnerships} partnerships"
        self["confirm_shared"].label = field.label  # the bound field, made when validated


class AgencyTermsForm(VersionedForm):
    """What is the partnership's own about an agency: changed for this partnership alone."""

    is_statutory_partner = forms.BooleanField(
        required=False,
        label="This agency is one of our statutory safeguarding partners",
        help_text="The local authority, the health board (ICB) and the police",
    )
    is_active = forms.BooleanField(required=False, label="This agency is active with us")


class AgencyJoinForm(GovukForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="Agency", empty_label="Choose an agency"
    )
    is_statutory_partner = forms.BooleanField(
        required=False,
        label="This agency is one of our statutory safeguarding partners",
        help_text="The local authority, the health board (ICB) and the police",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies


class AgencyServiceForm(GovukForm):
    name = forms.CharField(max_length=200, help_text="e.g. Housing Services")


class AgencyServiceEditForm(AgencyServiceForm, VersionedForm):
    is_active = forms.BooleanField(required=False, label="This service is in use")


# People


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.agency.display_name}: {obj.name}"


class _RolesAndAgency(GovukForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No agency (independent chair, scrutineer, lay member)",
    )
    service = ServiceChoiceField(
        queryset=AgencyService.objects.none(),
        required=False,
        label="Service (optional)",
        help_text="One of their agency's services, if they work in one",
        empty_label="No particular service",
    )
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, label="Roles"
    )

    def __init__(self, *args, agencies, services, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        cast(forms.ModelChoiceField, self.fields["service"]).queryset = services
        if not services.exists():
            del self.fields["service"]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        agency, service = data.get("agency"), data.get("service")
        if service is not None and service.agency_id != getattr(agency, "pk", None):
            where = agency.name if agency is not None else "no agency"
            self.add_error("service", f"{service.name} is not a service of {where}.")
        return data


class PeopleFilterForm(GovukForm):
    """The people list's filter, read from the address."""

    service = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", "Any service"),
            *((s.pk, f"{s.agency.display_name}: {s.name}") for s in services),
        ]


class InviteForm(_RolesAndAgency):
    email = forms.EmailField(label="Email address")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    job_title = forms.CharField(max_length=200, required=False)

    field_order = ["first_name", "last_name", "email", "job_title", "agency", "roles"]


class PersonForm(VersionedForm):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="Email address")
    job_title = forms.CharField(max_length=200, required=False)


class OwnDetailsForm(PersonForm):
    password = forms.CharField(
        label="Your password",
        help_text="To confirm it is you",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class MembershipForm(_RolesAndAgency, VersionedForm):
    pass


# Glossary


class GlossaryTermForm(GovukForm):
    term = forms.CharField(max_length=80, help_text="e.g. MASH")
    meaning = forms.CharField(max_length=300, help_text="e.g. Multi-agency safeguarding hub")
    former_term = forms.CharField(
        max_length=80,
        required=False,
        label="Former term (optional)",
        help_text="An older name for the same thing, e.g. LSCB",
    )


class GlossaryTermEditForm(GlossaryTermForm, VersionedForm):
    pass


# Personal API tokens


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        max_length=100,
        label="Name of the token",
        help_text="What it is for, so you can tell your tokens apart, e.g. Performance import",
    )
    days = forms.TypedChoiceField(
        coerce=int,
        initial=90,
        label="Expires after",
        choices=[(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "365 days")],
        widget=forms.RadioSelect,
    )


# The audit trail


DATES = ["%d/%m/%Y", "%Y-%m-%d"]


class AuditFilterForm(GovukForm):
    """The filters of the audit page: every field optional, read from the address."""

    person = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    agency = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    action = forms.ChoiceField(required=False)
    record_type = forms.ChoiceField(required=False, label="Record type")
    record_id = forms.CharField(required=False, max_length=60, label="Record number")
    since = forms.DateField(
        required=False, label="From", help_text="For example, 1/4/2026", input_formats=DATES
    )
    until = forms.DateField(
        required=False, label="To", help_text="For example, 31/3/2027", input_formats=DATES
    )

    def __init__(self, *args, people, agencies, actions, record_types, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", "Anyone"), *people]
        cast(forms.ChoiceField, self.fields["agency"]).choices = [("", "Any agency"), *agencies]
        self.agency_names: dict[int, str] = dict(agencies)
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            ("", "Any action"),
            *((name, f"{label} ({name})") for name, label in actions),
        ]
        cast(forms.ChoiceField, self.fields["record_type"]).choices = [
            ("", "Any type"),
            *((t, t) for t in record_types if t),
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date must be on or after the start date.")
        return data


# Joint arrangements


class ArrangementProposalForm(GovukForm):
    name = forms.CharField(
        max_length=200, label="Name of the arrangement", help_text="e.g. Four LSCBs"
    )
    short_name = forms.CharField(
        max_length=40,
        required=False,
        label="Short name (optional)",
        help_text="e.g. 4LSCB. Its web address is made from it, or else from the name",
    )
    purpose = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the partnerships will do together (optional)",
    )
    partnerships = forms.ModelMultipleChoiceField(
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Partnerships to form it with",
        help_text="Each one's business unit is asked to agree. Yours agrees by proposing it",
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["partnerships"]).queryset = partnerships
