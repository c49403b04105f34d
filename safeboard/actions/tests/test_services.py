import datetime
import threading

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from safeboard.actions import selectors, services
from safeboard.actions.models import Action, ActionUpdate, Priority, Status
from safeboard.actions.rag import Rag
from safeboard.actions.tests.factories import ActionFactory, RecommendationFactory
from safeboard.core.models import AuditEvent
from safeboard.core.versioning import StaleEdit

DAY = datetime.date(2018, 1, 15)


@pytest.fixture
def police_action(cast):
    return ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
    )


@pytest.fixture
def health_action(cast):
    return ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.health,
    )


def record(actor, action, **changes):
    fields = {
        "on": DAY,
        "note": "Toolkit reviewed with schools",
        "status": Status.IN_PROGRESS,
        "what_was_done": "",
        "impact_on_children": "",
        "evidence": "",
        **changes,
    }
    return services.action_record_update(
        actor=actor, action=action, expected_version=action.version, **fields
    )


@time_machine.travel(DAY)
def test_an_agency_lead_updates_only_their_agencys_actions(cast, police_action, health_action):
    record(cast.agency_lead, police_action)
    with pytest.raises(PermissionDenied):
        record(cast.agency_lead, health_action)
    assert police_action.updates.count() == 1 and health_action.updates.count() == 0


@time_machine.travel(DAY)
def test_the_business_unit_updates_any_action(cast, health_action):
    record(cast.business_unit, health_action, status=Status.COMPLETED)
    health_action.refresh_from_db()
    assert health_action.status == Status.COMPLETED and health_action.version == 2


@time_machine.travel(DAY)
@pytest.mark.parametrize("reader", ["viewer", "chair", "scrutineer", "subgroup_member"])
def test_readers_cannot_update_an_action(cast, police_action, reader):
    with pytest.raises(PermissionDenied):
        record(getattr(cast, reader), police_action)


@time_machine.travel(DAY)
def test_an_outsider_cannot_update_an_action_even_of_their_own_agency(cast, police_action):
    with pytest.raises(PermissionDenied):
        record(cast.outsider, police_action)


@time_machine.travel(DAY)
def test_an_update_moves_the_last_update_date_and_writes_the_timeline_and_audit(
    cast, police_action
):
    update = record(cast.agency_lead, police_action, what_was_done="Police reviewed it")
    police_action.refresh_from_db()
    assert police_action.last_update_on == DAY
    assert police_action.what_was_done == "Police reviewed it"
    assert update.author_name == "Agency Lead" and update.status == Status.IN_PROGRESS
    event = AuditEvent.objects.get(action="action.update.record")
    assert "what_was_done" in event.changed_fields and event.agency_id == cast.police.pk


@time_machine.travel(DAY)
def test_an_update_brings_a_stalled_action_back_from_red(cast, police_action):
    thresholds = selectors.thresholds_for(cast.partnership)
    assert selectors.rag_of(police_action, thresholds=thresholds) == Rag.RED  # since April
    record(cast.agency_lead, police_action)
    assert selectors.rag_of(police_action, thresholds=thresholds) == Rag.GREEN


@time_machine.travel(DAY)
def test_a_dropped_action_must_say_why(cast, police_action):
    with pytest.raises(ValidationError) as refused:
        record(cast.agency_lead, police_action, status=Status.DROPPED)
    assert "dropped_reason" in refused.value.error_dict
    record(cast.agency_lead, police_action, status=Status.DROPPED, dropped_reason="Superseded")
    assert Action.objects.get().dropped_reason == "Superseded"


@time_machine.travel(DAY)
def test_an_update_cannot_be_dated_in_the_future(cast, police_action):
    with pytest.raises(ValidationError):
        record(cast.agency_lead, police_action, on=DAY + datetime.timedelta(days=1))


@time_machine.travel(DAY)
def test_a_stale_update_is_refused_and_nothing_of_it_is_kept(cast, police_action):
    first_copy = Action.objects.get(pk=police_action.pk)
    second_copy = Action.objects.get(pk=police_action.pk)
    record(cast.agency_lead, first_copy, what_was_done="First")
    with pytest.raises(StaleEdit):
        record(cast.business_unit, second_copy, what_was_done="Second")
    kept = Action.objects.get()
    assert kept.what_was_done == "First" and kept.version == 2
    assert ActionUpdate.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_at_once_one_wins_and_the_other_is_refused(cast):
    """Two people save the same action at the same moment, each on their own connection;
    the database lets one through and the version check refuses the other."""
    action = ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
    )
    both_read = threading.Barrier(2)
    outcomes: list[str] = []

    def writer(actor, text):
        try:
            mine = Action.objects.get(pk=action.pk)
            both_read.wait(timeout=10)
            record(actor, mine, what_was_done=text)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=writer, args=(cast.agency_lead, "Lead's account")),
        threading.Thread(target=writer, args=(cast.business_unit, "Business unit's account")),
    ]
    with time_machine.travel(DAY):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    kept = Action.objects.get(pk=action.pk)
    assert kept.version == 2 and ActionUpdate.objects.filter(action=kept).count() == 1


def test_a_recommendation_links_to_its_source_without_copying_it(cast):
    priority = services.priority_create(
        actor=cast.business_unit, partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    recommendation = services.recommendation_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        text="Run quarterly neglect training",
        theme="Neglect",
        date_agreed=datetime.date(2017, 4, 1),
        source=priority,
    )
    assert recommendation.source == priority


def test_a_source_of_another_partnership_is_refused(cast):
    elsewhere = Priority.objects.create(
        partnership=cast.other_partnership, year=2017, number=1, title="Neglect"
    )
    with pytest.raises(ValidationError):
        services.recommendation_create(
            actor=cast.business_unit,
            partnership=cast.partnership,
            text="x",
            theme="Neglect",
            date_agreed=DAY,
            source=elsewhere,
        )


def test_only_the_business_unit_adds_recommendations_and_actions(cast):
    with pytest.raises(PermissionDenied):
        services.recommendation_create(
            actor=cast.agency_lead,
            partnership=cast.partnership,
            text="x",
            theme="Neglect",
            date_agreed=DAY,
        )


def test_an_owner_agency_must_serve_the_partnership(cast):
    from safeboard.core.tests.factories import AgencyFactory

    stranger = AgencyFactory(serves=[cast.other_partnership])
    recommendation = RecommendationFactory(partnership=cast.partnership)
    with pytest.raises(ValidationError):
        services.action_create(
            actor=cast.business_unit,
            recommendation=recommendation,
            description="x",
            owner_agency=stranger,
            owner=None,
            due_date=DAY,
        )


def test_the_business_unit_sets_the_partnerships_thresholds(cast):
    services.tracker_settings_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        expected_version=1,
        stall_days=45,
        amber_due_within_days=20,
        amber_not_updated_days=14,
    )
    assert selectors.thresholds_for(cast.partnership).stall_days == 45
    assert selectors.thresholds_for(cast.other_partnership).stall_days == 60
    with pytest.raises(PermissionDenied):
        services.tracker_settings_update(
            actor=cast.agency_lead,
            partnership=cast.partnership,
            expected_version=2,
            stall_days=1,
            amber_due_within_days=1,
            amber_not_updated_days=1,
        )


def test_an_outsider_sees_no_actions(cast, police_action):
    assert not selectors.action_list(user=cast.outsider, partnership=cast.partnership).exists()
    with pytest.raises(Exception, match="No such action"):
        selectors.action_get(user=cast.outsider, partnership=cast.partnership, pk=police_action.pk)


def test_a_restricted_source_is_named_only_to_those_who_may_see_it(cast, monkeypatch):
    priority = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=1, title="Child H"
    )
    monkeypatch.setattr(Priority, "RESTRICTED_TO", frozenset({"case_review_member"}), raising=False)
    recommendation = RecommendationFactory(
        partnership=cast.partnership,
        source_type=ContentType.objects.get_for_model(Priority),
        source_id=priority.pk,
    )
    shown = selectors.source_label(user=cast.case_review_member, recommendation=recommendation)
    hidden = selectors.source_label(user=cast.viewer, recommendation=recommendation)
    assert "Child H" in shown and hidden == "Priority"
