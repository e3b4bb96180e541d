"""Public views: the insurance form, the callback form and their thank-you pages."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from . import ratelimit, services
from .forms import CallbackRequestForm, InsuranceRequestForm
from .models import VerificationRequest

PRIVATE = cache_control(private=True, no_store=True)


@sensitive_variables("form")
def handle_form(request, form_class, kind, template, thanks_url_name, initial=None):
    """GET shows the form; POST validates it, stores it and redirects to a thank-you page without ids."""
    if request.method == "POST":
        if ratelimit.hit(request):
            return render(request, "intake/rate_limited.html", status=429)
        form = form_class(request.POST)
        if form.is_bot():
            return redirect(thanks_url_name)  # looks like success; nothing is stored
        if form.is_valid():
            part2 = form.part2_fields() if hasattr(form, "part2_fields") else None
            services.create_request(kind, part2=part2, **form.request_fields())
            return redirect(thanks_url_name)
    else:
        form = form_class(initial=initial or {})
    return render(request, template, {"form": form, "action": reverse(request.resolver_match.view_name)})


@never_cache
@sensitive_post_parameters()
def verify_insurance(request):
    """The full confidential insurance-verification form at /verify-insurance/."""
    return handle_form(
        request,
        InsuranceRequestForm,
        VerificationRequest.Kind.INSURANCE,
        "intake/verify_form.html",
        "intake:verify_thanks",
        initial=InsuranceRequestForm.initial_from_query(request.GET),
    )


@never_cache
@sensitive_post_parameters()
def request_callback(request):
    """The short callback form at /request-callback/ (the chat links here when no one is online)."""
    initial = {"source": request.GET["source"]} if request.GET.get("source", "").isdigit() else {}
    return handle_form(
        request,
        CallbackRequestForm,
        VerificationRequest.Kind.CALLBACK,
        "intake/callback_form.html",
        "intake:callback_thanks",
        initial=initial,
    )


@PRIVATE
def verify_thanks(request):
    """What happens next after an insurance request; shows none of the submitted data."""
    return render(request, "intake/thanks.html", {"kind": VerificationRequest.Kind.INSURANCE})


@PRIVATE
def callback_thanks(request):
    """What happens next after a callback request; shows none of the submitted data."""
    return render(request, "intake/thanks.html", {"kind": VerificationRequest.Kind.CALLBACK})
