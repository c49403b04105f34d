"""The installation's first person, who founds it."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .. import audit
from ..models import Person


@transaction.atomic
def founder_create(
    *, email: str, first_name: str, last_name: str, password: str, job_title: str = ""
) -> Person:
    """The first person of a new installation, made from the command line. They set up
    the first partnership, which makes them its business unit."""
    email = Person.objects.normalize_email(email).lower()
    person = Person(
        username=email, email=email, first_name=first_name, last_name=last_name, job_title=job_title
    )
    validate_password(password, user=person)
    person.set_password(password)
    person.full_clean()
    person.save()
    audit.record(
        actor=None,
        action="person.create",
        target=person,
        changed=["email", "first_name", "last_name", "job_title"],
    )
    return person
