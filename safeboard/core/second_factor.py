"""The second factor: an authenticator app (TOTP) for everyone, and single-use recovery codes.

Every write here runs in one transaction with its audit event, as in `core.services`.
A wrong code is answered with None, not an exception: the device's count of failures
(which slows guessing down) must be committed, not rolled back with the refusal.
"""

import base64
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import Person

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


# Reads: a person's own devices (nobody else's are ever shown).


def confirmed_authenticator(person: Person) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=person, confirmed=True).first()


def has_second_factor(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def recovery_codes_left(person: Person) -> int:
    return StaticToken.objects.filter(device__user=person, device__confirmed=True).count()


def waiting_until(person: Person) -> datetime | None:
    """When a person who entered too many wrong codes may try again, if they must wait."""
    for device in _devices(person, confirmed=None):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and "locked_until" in details:
            return details["locked_until"]
    return None


def _devices(
    person: Person, *, confirmed: bool | None = True, for_update: bool = False
) -> list[Device]:
    devices: list[Device] = []
    for model in (TOTPDevice, StaticDevice):
        found = model.objects.filter(user=person)
        if confirmed is not None:
            found = found.filter(confirmed=confirmed)
        devices.extend(found.select_for_update() if for_update else found)
    return devices


# Showing a secret and the current code.


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def normalise_code(code: str) -> str:
    return "".join(code.split()).lower()


def is_authenticator_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


# Writes.


@transaction.atomic
def authenticator_start(*, person: Person) -> TOTPDevice:
    """The authenticator a person is setting up: made once, kept until they confirm it."""
    if has_second_factor(person):
        raise ValidationError("You have already set up your authenticator app.")
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=person, name=AUTHENTICATOR_NAME, confirmed=False)
        device.full_clean()
        device.save()
        audit.record(actor=person, action="person.second_factor.start", target=person)
    return device


@transaction.atomic
def authenticator_confirm(*, person: Person, code: str) -> TOTPDevice | None:
    """The person proves their app shows the right codes; None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=person, confirmed=False).first()
    if device is None or has_second_factor(person):
        raise ValidationError("There is no authenticator app being set up.")
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        actor=person, action="person.second_factor.confirm", target=person, changed=["device"]
    )
    return device


@transaction.atomic
def authenticator_preset(*, actor: Person | None, person: Person) -> TOTPDevice:
    """Give a demo person a working authenticator without scanning anything.

    Only in the demo configuration, where `safeboard totp` shows its codes: elsewhere a
    second factor must be proved by the person who holds it.
    """
    if not settings.DEMO:
        raise ValidationError("Authenticators are set up by their holders outside the demo.")
    TOTPDevice.objects.filter(user=person).delete()
    device = TOTPDevice(user=person, name=AUTHENTICATOR_NAME, confirmed=True)
    device.full_clean()
    device.save()
    audit.record(actor=actor, action="person.second_factor.preset", target=person)
    return device


@transaction.atomic
def recovery_codes_generate(*, person: Person) -> list[str]:
    """New single-use recovery codes, replacing any the person had. Shown to them once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=person, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(actor=person, action="person.recovery_codes.generate", target=person)
    return codes


def forget_devices(person: Person) -> bool:
    """Delete all of a person's second factors, part of `identity.second_factor_reset`.
    True if they had set one up."""
    had = has_second_factor(person)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=person).delete()
    return had


@transaction.atomic
def second_factor_verify(*, person: Person, code: str) -> Device | None:
    """The device that accepts the code (an authenticator code or a recovery code), if any.

    A recovery code is used up by being accepted.
    """
    code = normalise_code(code)
    wanted = TOTPDevice if is_authenticator_code(code) else StaticDevice
    for device in _devices(person, for_update=True):
        if isinstance(device, wanted) and device.verify_token(code):
            if isinstance(device, StaticDevice):
                audit.record(actor=person, action="person.recovery_code.use", target=person)
            return device
    return None
