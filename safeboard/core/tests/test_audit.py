"""The audit trail: append-only, and read by the business unit on the audit page."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, models, transaction

from safeboard.core import audit, restricted, services
from safeboard.core.models import AppendOnly, AuditEvent, AuditEventRecord, Membership, Role
from safeboard.core.versioning import StaleEdit

AUDIT = "/p/southampton/audit/"


def event(cast, **kwargs) -> AuditEvent:
    values = {"actor": cast.business_unit, "action": "glossary.create"}
    values.update(kwargs)
    return audit.record(partnership_id=cast.partnership.pk, **values)


# Append-only


def test_the_application_refuses_to_change_an_audit_event(cast):
    row = event(cast)
    row.action = "glossary.delete"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(action="glossary.delete")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.bulk_update([row], ["action"])
    assert AuditEvent.objects.get(pk=row.pk).action == "glossary.create"


def test_the_application_refuses_to_remove_an_audit_event(cast):
    row = event(cast)
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEventRecord.objects.all().delete()
    assert AuditEvent.objects.filter(pk=row.pk).exists()


def _refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "never changed or removed" in str(error)
        return True
    return False


def test_on_postgresql_the_database_itself_refuses_to_change_or_remove_audit_rows(cast):
    """SQLite, the single-machine default, has only the application's refusal; PostgreSQL,
    the production database, refuses plain SQL as well (migration 0003)."""
    row = event(cast)
    on_postgresql = connection.vendor == "postgresql"
    table = AuditEvent._meta.db_table
    update = f"UPDATE {table} SET action = %s WHERE id = %s"  # noqa: S608
    delete = f"DELETE FROM {table} WHERE id = %s"  # noqa: S608
    assert _refused(update, ["audit.tampered", row.pk]) is on_postgresql
    assert _refused(delete, [row.pk]) is on_postgresql
    assert AuditEvent.objects.filter(pk=row.pk).exists() is on_postgresql


# The audit page


@pytest.fixture
def business_unit(client, cast):
    client.force_login(cast.business_unit)
    return client


def test_the_audit_page_shows_only_this_partnerships_events(business_unit, cast):
    services.glossary_term_create(
        actor=cast.business_unit, partnership=cast.partnership, term="MASH", meaning="Hub"
    )
    services.glossary_term_create(
        actor=cast.outsider, partnership=cast.other_partnership, term="LADO", meaning="…"
    )
    page = business_unit.get(AUDIT)
    assert page.status_code == 200
    labels = [row[1][-3] for row in page.context["listing"].rows]
    assert labels == ["MASH"]


def test_the_audit_page_filters_by_person_agency_action_record_and_date(business_unit, cast):
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=UTC), tick=False):
        first = event(cast, actor=cast.viewer, action="agency.update", agency_id=cast.health.pk)
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=UTC), tick=False):
        event(cast, action="agency.update", agency_id=cast.police.pk)
        event(cast, action="glossary.create", target=cast.health)

    def found(query: str) -> int:
        return business_unit.get(f"{AUDIT}?{query}").context["listing"].page.paginator.count

    assert found("") == 3
    assert found(f"person={cast.viewer.pk}") == 1
    assert found(f"agency={cast.police.pk}") == 1
    assert found("action=agency.update") == 2
    assert found(f"record_type=core.agency&record_id={cast.health.pk}") == 1
    assert found("since=1/5/2026") == 2
    assert found("since=2026-03-31&until=30/04/2026") == 1
    assert first.pk


def test_a_backwards_date_range_is_explained_not_ignored(business_unit, cast):
    event(cast)
    page = business_unit.get(f"{AUDIT}?since=2/5/2026&until=1/5/2026")
    assert "The end date must be on or after the start date." in page.content.decode()
    assert page.context["listing"].page.paginator.count == 0


def test_the_audit_page_sorts_and_exports_what_it_shows(business_unit, cast):
    event(cast, action="glossary.update")
    event(cast, action="agency.create")
    # A row no service could write now (the actions are a fixed list), still neutralised.
    AuditEvent.objects.create(
        at=audit.now(),
        actor_name="Safeboard",
        partnership_id=cast.partnership.pk,
        action="=HYPERLINK(1)",
    )
    answer = business_unit.get(f"{AUDIT}?sort=action&action=agency.create&export=csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0][:4] == ["When", "Person", "Agency", "Action"]
    assert [r[3] for r in rows[1:]] == ["agency.create"]
    everything = business_unit.get(f"{AUDIT}?sort=action&export=csv").content.decode()
    actions = [r[3] for r in csv.reader(io.StringIO(everything))][1:]
    assert actions == ["'=HYPERLINK(1)", "agency.create", "glossary.update"]


def test_the_action_filter_offers_every_known_action_whatever_the_trail_holds(business_unit, cast):
    event(cast, action="glossary.create")
    form = business_unit.get(AUDIT).context["form"]
    offered = [name for name, _label in form.fields["action"].choices][1:]
    assert offered == [name for name, _label in audit.action_choices()]
    assert {"glossary.create", "meeting.create", "reviews.referral.create"} <= set(offered)
    assert "Glossary term added (glossary.create)" in business_unit.get(AUDIT).content.decode()
    refused = business_unit.get(f"{AUDIT}?action=glossary.created")
    assert refused.context["listing"].page.paginator.count == 0
    assert "glossary.created is not one of the available choices" in refused.content.decode()


def test_an_action_no_module_registered_is_refused_and_nothing_is_written(cast):
    with pytest.raises(audit.UnknownAction, match="glossary.craete"):
        event(cast, action="glossary.craete")
    assert not AuditEvent.objects.filter(action="glossary.craete").exists()


def test_an_action_registered_twice_with_two_meanings_is_refused():
    class Clash(models.TextChoices):
        GLOSSARY_CREATE = "glossary.create", "Something else"

    with pytest.raises(ImproperlyConfigured, match="glossary.create"):
        audit.audit_actions(Clash)
    assert dict(audit.action_choices())["glossary.create"] == "Glossary term added"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_audit_event_outside_a_transaction_is_refused(cast):
    before = AuditEvent.objects.count()
    with pytest.raises(audit.OutsideTransaction, match="transaction.atomic"):
        event(cast)
    assert AuditEvent.objects.count() == before
    with transaction.atomic():
        event(cast)
    assert AuditEvent.objects.count() == before + 1


def test_the_audit_page_costs_the_same_few_queries_however_long(
    business_unit, cast, django_assert_max_num_queries
):
    kinds = ["glossary.create", "glossary.update", "glossary.delete"]
    for number in range(40):
        event(cast, action=kinds[number % 3])
    with django_assert_max_num_queries(15):  # one reads the second factor
        page = business_unit.get(AUDIT)
    assert page.context["listing"].page.paginator.count == 40


def test_filtering_by_record_finds_the_access_events_that_name_it(business_unit, cast):
    first, second = cast.partnership.memberships.order_by("pk")[:2]
    restricted.record_access(
        actor=cast.case_review_member,
        partnership_id=cast.partnership.pk,
        records=[first, second, cast.health],
    )
    page = business_unit.get(f"{AUDIT}?record_type=core.membership&record_id={second.pk}")
    rows = page.context["listing"].rows
    assert [cells[3] for _, cells in rows] == [restricted.ACCESS_ACTION]


def test_the_trail_does_not_describe_records_restricted_from_its_reader(
    business_unit, cast, monkeypatch
):
    """The business unit reads the trail, but a record restricted to other roles (a child
    death, say) is shown by type and number only."""
    monkeypatch.setattr(
        Membership, "RESTRICTED_TO", frozenset({Role.CASE_REVIEW_MEMBER}), raising=False
    )
    seen = cast.viewer.memberships.get()
    restricted.record_access(
        actor=cast.case_review_member, partnership_id=cast.partnership.pk, records=[seen]
    )
    event(cast, target=cast.health)
    rows = {cells[4]: cells for _, cells in business_unit.get(AUDIT).context["listing"].rows}
    assert rows["core.membership"][5:7] == [str(seen.pk), "A restricted record"]
    assert rows["core.agency"][6] == str(cast.health)
    export = business_unit.get(f"{AUDIT}?export=csv").content.decode()
    assert str(cast.viewer) not in export


# An audited update


def test_an_audited_update_writes_the_change_and_names_only_the_fields_that_changed(cast):
    agency = cast.health
    version = agency.version
    changed = audit.audited_update(
        actor=cast.business_unit,
        instance=agency,
        expected_version=version,
        changes={"name": "Integrated Care Board", "short_name": agency.short_name},
        action="agency.update",
        partnership_id=cast.partnership.pk,
        agency_id=agency.pk,
        also_changed=["roles", "name"],
    )
    assert changed == ["name", "roles"]
    agency.refresh_from_db()
    assert (agency.name, agency.version) == ("Integrated Care Board", version + 1)
    written = AuditEvent.objects.latest("pk")
    assert (written.action, written.target_id, written.agency_id) == (
        "agency.update",
        str(agency.pk),
        agency.pk,
    )
    assert written.changed_fields == ["name", "roles"]


def test_an_audited_update_from_a_stale_version_changes_and_audits_nothing(cast):
    agency = cast.health
    before, events = agency.name, AuditEvent.objects.count()
    with pytest.raises(StaleEdit), transaction.atomic():
        audit.audited_update(
            actor=cast.business_unit,
            instance=agency,
            expected_version=agency.version - 1,
            changes={"name": "Integrated Care Board"},
            action="agency.update",
        )
    agency.refresh_from_db()
    assert agency.name == before
    assert AuditEvent.objects.count() == events


def test_an_audited_update_may_be_about_another_record(cast):
    entry = services.glossary_term_create(
        actor=cast.business_unit, partnership=cast.partnership, term="MASH", meaning="…"
    )
    audit.audited_update(
        actor=cast.business_unit,
        instance=entry,
        expected_version=entry.version,
        changes={"meaning": "Multi-agency safeguarding hub"},
        action="glossary.update",
        target=cast.partnership,
    )
    written = AuditEvent.objects.latest("pk")
    assert (written.target_type, written.changed_fields) == ("core.partnership", ["meaning"])
