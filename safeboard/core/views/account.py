"""A person's own account: who they are, where they belong, and changing their details."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .. import identity
from ..forms import OwnDetailsForm
from ..selectors import own_memberships
from .base import SignedInRequest, form_page


@login_required
def your_account(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "core/account.html",
        {"person": request.user, "memberships": own_memberships(user=request.user)},
    )


@login_required
def own_details_edit(request: SignedInRequest) -> HttpResponse:
    person = request.user
    initial = {name: getattr(person, name) for name in identity.DETAIL_FIELDS}
    form = OwnDetailsForm(request.POST or None, initial={**initial, "version": person.version})
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: identity.own_details_update(
            person=person, expected_version=data.pop("version"), **data
        ),
        success=lambda _: reverse("core:account"),
        message="Your details have been saved.",
        context={
            "title": "Change your details",
            "back": reverse("core:account"),
            "intro": "Your details are the same in every partnership you belong to. "
            "If you change your email address, you sign in with the new one, and we tell "
            "the old one about the change.",
        },
    )
