"""Email leaves through the background worker, so a slow mail server never holds a page."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task


@task()
def deliver_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_email(*, to: str, subject: str, body: str) -> None:
    deliver_email.enqueue(to=to, subject=subject, body=body)
