"""Partnerships, agencies, people and their roles: the records every module stands on."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class Region(models.TextChoices):
    NORTH_EAST = "E12000001", "North East"
    NORTH_WEST = "E12000002", "North West"
    YORKSHIRE = "E12000003", "Yorkshire and The Humber"
    EAST_MIDLANDS = "E12000004", "East Midlands"
    WEST_MIDLANDS = "E12000005", "West Midlands"
    EAST = "E12000006", "East of England"
    LONDON = "E12000007", "London"
    SOUTH_EAST = "E12000008", "South East"
    SOUTH_WEST = "E12000009", "South West"


class Partnership(models.Model):
    """A safeguarding children partnership (before 2019, a Local Safeguarding Children Board).

    Its financial year runs from 1 April (see `core.periods`).
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    region = models.CharField(max_length=9, choices=Region.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Arrangement(models.Model):
    """Several partnerships working as one on part of their work: the seed's "4LSCB" of
    Hampshire, the Isle of Wight, Portsmouth and Southampton runs one Section 11 process
    and shared procedures. It owns joint bodies (and, later, joint cycles); each member
    partnership's people see what is joint and nothing else of the other members."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    purpose = models.TextField(blank=True)
    partnerships = models.ManyToManyField(Partnership, related_name="arrangements")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


# An ONS code of a unitary, metropolitan or London borough or county council in England.
LA_CODE_PATTERN = r"^E(0[6-9]|10)[0-9]{6}$"


class LocalAuthorityCode(models.Model):
    """The ONS code of the partnership's local authority, from a financial year on.

    Codes change with reorganisations, so they are kept by year.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="la_codes")
    from_year = models.PositiveSmallIntegerField(
        help_text="First financial year, e.g. 2017 for 2017-18"
    )
    code = models.CharField(max_length=9)

    class Meta:
        ordering = ["partnership", "-from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "from_year"], name="la_code_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(code__regex=LA_CODE_PATTERN), name="la_code_is_an_ons_la_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.from_year}"


class StatisticalNeighbour(models.Model):
    """One of the partnership's ten statistical neighbours (NFER model) in a financial year."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="statistical_neighbours"
    )
    year = models.PositiveSmallIntegerField(help_text="Financial year, e.g. 2017 for 2017-18")
    rank = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=9)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["partnership", "-year", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "rank"], name="neighbour_rank_once"
            ),
            models.UniqueConstraint(fields=["partnership", "year", "code"], name="neighbour_once"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=10), name="neighbour_rank_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary and community"
    FIRE = "fire", "Fire and rescue"
    AMBULANCE = "ambulance", "Ambulance"
    OTHER = "other", "Other"


class Agency(models.Model):
    """An organisation that works with the partnership. One agency may serve several.

    Its name, short name and sector are the agency's own, the same for every partnership it
    serves; whether it is a statutory partner, and whether it is active, is each
    partnership's own (`AgencyInPartnership`)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    partnerships = models.ManyToManyField(
        Partnership, through="AgencyInPartnership", related_name="agencies"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class AgencyInPartnership(models.Model):
    """An agency serving one partnership, on that partnership's own terms."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="in_partnerships")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="agencies_served"
    )
    is_statutory_partner = models.BooleanField(
        default=False, help_text="The local authority, the health board (ICB) and the police"
    )
    is_active = models.BooleanField(default=True, help_text="Active with this partnership")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "agency"]
        verbose_name = "agency in a partnership"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partnership"], name="agency_serves_a_partnership_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} in {self.partnership}"


class AgencyService(models.Model):
    """A service of an agency, e.g. a council's Housing Services. People belong to one."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint("agency", Lower("name"), name="service_name_once_per_agency"),
            # The pair a membership's agency and service refer to together.
            models.UniqueConstraint(fields=["agency", "id"], name="service_of_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    CHAIR = "chair", "Independent chair"
    SCRUTINEER = "scrutineer", "Independent scrutineer"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    SUBGROUP_MEMBER = "subgroup_member", "Subgroup member"
    CDOP_MEMBER = "cdop_member", "Child death overview panel member"
    CASE_REVIEW_MEMBER = "case_review_member", "Case review group member"
    TRAINER = "trainer", "Trainer"
    VIEWER = "viewer", "Viewer"


class PersonManager(UserManager["Person"]):
    pass


class Person(AbstractUser):
    """Someone who signs in. People are deactivated, never deleted."""

    email = models.EmailField(unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects: ClassVar[PersonManager] = PersonManager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="person_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A person's place in one partnership: through an agency (or none), with roles."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Leave empty for the independent chair, scrutineers and lay members",
    )
    service = models.ForeignKey(
        AgencyService,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="One of the agency's services, if they work in one",
    )
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "partnership"], name="one_membership_per_partnership"
            ),
            models.CheckConstraint(
                condition=Q(service__isnull=True) | Q(agency__isnull=False),
                name="membership_service_needs_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.partnership}"


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_once_per_membership"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_is_known"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class IdentityChangeKind(models.TextChoices):
    DETAILS = "details", "Change of name, email or job title"
    AUTHENTICATOR = "authenticator", "Reset of their authenticator app"


class IdentityChangeStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for agreement"
    MADE = "made", "Made"
    DECLINED = "declined", "Declined"


class IdentityChange(models.Model):
    """A change to who a person is, proposed by the business unit of one of the
    partnerships they belong to. It is made only when the business unit of every
    partnership the person is an active member of has agreed to it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identity_changes")
    kind = models.CharField(max_length=20, choices=IdentityChangeKind.choices)
    proposed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    proposed_in = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    # The person's version the proposal was made against: if their details change first,
    # the proposal cannot be made as it stands.
    person_version = models.PositiveIntegerField()
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=IdentityChangeStatus.choices, default=IdentityChangeStatus.WAITING
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(status="waiting"),
                name="one_waiting_identity_change_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="details") | ~Q(email=""), name="identity_details_have_email"
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", closed_at__isnull=True)
                | (~Q(status="waiting") & Q(closed_at__isnull=False)),
                name="identity_change_closed_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"


class IdentityChangeApproval(models.Model):
    """One partnership's agreement to an identity change, given by its business unit."""

    change = models.ForeignKey(IdentityChange, on_delete=models.PROTECT, related_name="approvals")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "partnership"], name="one_approval_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} agreed to {self.change}"


class ArrangementProposalStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for agreement"
    MADE = "made", "Made"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ArrangementProposal(models.Model):
    """An arrangement one partnership's business unit proposes to others. It is made only
    when the business unit of every partnership named in it has agreed; any of them may
    decline it, and the proposing partnership may withdraw it, while it waits."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=60)
    purpose = models.TextField(blank=True)
    # Every partnership the arrangement would join, the proposing one among them.
    partnerships = models.ManyToManyField(Partnership, related_name="+")
    proposed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    proposed_in = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    status = models.CharField(
        max_length=20,
        choices=ArrangementProposalStatus.choices,
        default=ArrangementProposalStatus.WAITING,
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    arrangement = models.OneToOneField(
        Arrangement, on_delete=models.PROTECT, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(status="waiting"),
                name="one_waiting_arrangement_proposal_per_name",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(status="waiting"),
                name="one_waiting_arrangement_proposal_per_slug",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", closed_at__isnull=True)
                | (~Q(status="waiting") & Q(closed_at__isnull=False)),
                name="arrangement_proposal_closed_when_decided",
            ),
            models.CheckConstraint(
                condition=Q(status="made", arrangement__isnull=False)
                | (~Q(status="made") & Q(arrangement__isnull=True)),
                name="arrangement_proposal_made_names_its_arrangement",
            ),
        ]

    def __str__(self) -> str:
        return f"Proposed arrangement: {self.name}"


class ArrangementAgreement(models.Model):
    """One partnership's agreement to a proposed arrangement, given by its business unit."""

    proposal = models.ForeignKey(
        ArrangementProposal, on_delete=models.PROTECT, related_name="agreements"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agreed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField()

    class Meta:
        ordering = ["agreed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "partnership"], name="one_agreement_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} agreed to {self.proposal}"


class GlossaryTerm(models.Model):
    """A term the partnership's documents use, with what it means (seed Appendix 4)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="glossary")
    term = models.CharField(max_length=80)
    meaning = models.CharField(max_length=300)
    former_term = models.CharField(
        max_length=80, blank=True, help_text="An older name for the same thing, e.g. LSCB"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                "partnership", Lower("term"), name="glossary_term_once_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.term


class AppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are only ever added: every bulk change or removal is refused."""

    def update(self, **kwargs):
        raise AppendOnly("Audit events are never changed.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnly("Audit events are never changed.")

    def delete(self):
        raise AppendOnly("Audit events are never removed.")


class AppendOnlyModel(models.Model):
    """A table of the audit trail. On PostgreSQL the database refuses changes and removals
    too (migration 0003); here the application refuses them, row by row or in bulk."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit events are never removed.")


class AuditEvent(AppendOnlyModel):
    """One thing somebody did or saw. Never updated or deleted.

    The actor, partnership and agency are kept as plain values, not foreign keys, so the
    trail outlives any record and no cascade can touch it.
    """

    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_name = models.CharField(max_length=300)
    partnership_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    agency_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=60, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_type}"


class ApiToken(models.Model):
    """A personal API token. Only a hash of its secret is kept: the whole token is shown
    once, when it is made, and can never be shown again."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for")
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_made",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ScheduledRun(models.Model):
    """One run of a periodic job. Its unique key is the lock: of all the workers, the one
    that inserts the row for a slot enqueues the job, and no other does."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-slot"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]

    def __str__(self) -> str:
        return f"{self.job} at {self.slot:%Y-%m-%d %H:%M}"


class AuditEventRecord(AppendOnlyModel):
    """A record an event concerns, when it names several (a list of restricted records
    read in one request). Like its event, never changed or removed."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="records")
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_record_target")]

    def __str__(self) -> str:
        return f"{self.target_type}:{self.target_id}"
