"""Signing in, resetting a password, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from .. import services
from ..forms import GovukFormMixin
from ..models import Person


class SignInForm(GovukFormMixin, AuthenticationForm):
    pass


class ResetForm(GovukFormMixin, PasswordResetForm):
    pass


class ChoosePasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    form_class = ResetForm
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = "/accounts/password-reset/sent/"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    form_class = ChoosePasswordForm
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
