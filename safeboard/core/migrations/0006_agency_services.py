"""Agencies have services, and serve each partnership on its own terms.

Whether an agency is a statutory partner, and whether it is active, moves from the agency
to each partnership it serves, keeping today's values for every one of them. A person's
membership may name one of its agency's services; on PostgreSQL a foreign key on the pair
holds the service to the membership's agency, and on SQLite triggers do.
"""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

SQLITE_INSTALL = [
    f"""
CREATE TRIGGER membership_service_of_its_agency_{when}
BEFORE {when} ON core_membership
WHEN NEW.service_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM core_agencyservice
    WHERE core_agencyservice.id = NEW.service_id
    AND core_agencyservice.agency_id = NEW.agency_id
)
BEGIN
    SELECT RAISE(ABORT, 'A membership''s service must be a service of its agency');
END;
"""
    for when in ("insert", "update")
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS membership_service_of_its_agency_{when};"
    for when in ("insert", "update")
]
# Checked at every statement, as the triggers are on SQLite: a wrong service is refused at once.
POSTGRESQL_INSTALL = [
    """
ALTER TABLE core_membership ADD CONSTRAINT membership_service_of_its_agency
    FOREIGN KEY (agency_id, service_id) REFERENCES core_agencyservice (agency_id, id);
"""
]
POSTGRESQL_REMOVE = [
    "ALTER TABLE core_membership DROP CONSTRAINT IF EXISTS membership_service_of_its_agency;"
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_REMOVE
    return []


def install_service_check(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(statement, params=None)


def remove_service_check(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(statement, params=None)


def terms_per_partnership(apps, schema_editor):
    """Every partnership an agency serves keeps the agency's values of today."""
    Agency = apps.get_model("core", "Agency")
    AgencyInPartnership = apps.get_model("core", "AgencyInPartnership")
    served = Agency.partnerships.through.objects.select_related("agency")
    AgencyInPartnership.objects.bulk_create(
        AgencyInPartnership(
            agency_id=row.agency_id,
            partnership_id=row.partnership_id,
            is_statutory_partner=row.agency.is_statutory_partner,
            is_active=row.agency.is_active,
        )
        for row in served
    )


def terms_back_to_agency(apps, schema_editor):
    """Going back, an agency is a statutory partner, or active, if it is in any partnership."""
    Agency = apps.get_model("core", "Agency")
    AgencyInPartnership = apps.get_model("core", "AgencyInPartnership")
    through = Agency.partnerships.through
    for agency in Agency.objects.all():
        terms = AgencyInPartnership.objects.filter(agency=agency)
        agency.is_statutory_partner = terms.filter(is_statutory_partner=True).exists()
        agency.is_active = not terms.exists() or terms.filter(is_active=True).exists()
        agency.save(update_fields=["is_statutory_partner", "is_active"])
        through.objects.bulk_create(
            through(agency_id=agency.pk, partnership_id=t.partnership_id) for t in terms
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_identity_changes")]

    operations = [
        migrations.CreateModel(
            name="AgencyService",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("is_active", models.BooleanField(default=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="core.agency",
                    ),
                ),
            ],
            options={
                "ordering": ["agency", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        models.F("agency"),
                        django.db.models.functions.text.Lower("name"),
                        name="service_name_once_per_agency",
                    ),
                    models.UniqueConstraint(fields=("agency", "id"), name="service_of_agency"),
                ],
            },
        ),
        migrations.CreateModel(
            name="AgencyInPartnership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "is_statutory_partner",
                    models.BooleanField(
                        default=False,
                        help_text="The local authority, the health board (ICB) and the police",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(default=True, help_text="Active with this partnership"),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="in_partnerships",
                        to="core.agency",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="agencies_served",
                        to="core.partnership",
                    ),
                ),
            ],
            options={
                "verbose_name": "agency in a partnership",
                "ordering": ["partnership", "agency"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agency", "partnership"), name="agency_serves_a_partnership_once"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="membership",
            name="service",
            field=models.ForeignKey(
                blank=True,
                help_text="One of the agency's services, if they work in one",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="core.agencyservice",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("service__isnull", True), ("agency__isnull", False), _connector="OR"),
                name="membership_service_needs_agency",
            ),
        ),
        migrations.RunPython(install_service_check, remove_service_check),
        migrations.RunPython(terms_per_partnership, terms_back_to_agency),
        migrations.RemoveField(model_name="agency", name="partnerships"),
        migrations.RemoveField(model_name="agency", name="is_statutory_partner"),
        migrations.RemoveField(model_name="agency", name="is_active"),
        migrations.AddField(
            model_name="agency",
            name="partnerships",
            field=models.ManyToManyField(
                related_name="agencies",
                through="core.AgencyInPartnership",
                to="core.partnership",
            ),
        ),
    ]
