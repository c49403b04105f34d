"""Signing in, resetting a password, and accepting an invitation."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from .. import identity, services
from ..forms import GovukFormMixin
from ..models import Person


class SignInForm(GovukFormMixin, AuthenticationForm):
    pass


class ResetForm(GovukFormMixin, PasswordResetForm):
    pass


class ChoosePasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class ResetPasswordForm(ChoosePasswordForm):
    def save(self, commit=True):
        return identity.password_reset_complete(
            person=self.user, password=self.cleaned_data["new_password1"]
        )


class SignInView(auth_views.LoginView):
    """The first step: the password. The second, a code, follows (`views.second_factor`)."""

    template_name = "core/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        query = urlencode({"next": super().get_success_url()})
        return f"{reverse('core:second-factor')}?{query}"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    form_class = ResetForm
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = "/accounts/password-reset/sent/"

    def form_valid(self, form):
        # The link is built from the configured address, never from the request's Host
        # header, which whoever asks for the reset controls.
        self.extra_email_context = {"base_url": settings.SAFEBOARD_BASE_URL}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    post_reset_login = False  # a new password is only the first step of signing in
    template_name = "core/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = "/accounts/password-reset/done/"


def _invited_person(uidb64: str, token: str) -> Person:
    try:
        person = Person.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, Person.DoesNotExist):
        raise Http404("This invitation link is not valid.") from None
    if person.has_usable_password() or not default_token_generator.check_token(person, token):
        raise Http404("This invitation link is not valid.")
    return person


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link from an invitation: the person chooses a password, then signs in."""
    person = _invited_person(uidb64, token)
    form = ChoosePasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_accept(person=person, password=form.cleaned_data["new_password1"])
        messages.success(request, "Your password has been set. You can now sign in.")
        return redirect("core:sign-in")
    return render(request, "core/invitation_accept.html", {"form": form, "person": person})
