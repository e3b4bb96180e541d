"""Public views: the insurance form, the callback form and their thank-you pages."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from pages.models import ContactSettings
from treatment_site import clients
from treatment_site.ids import is_id
from treatment_site.languages import visitor_language

from . import services
from .forms import CallbackRequestForm, InsuranceRequestForm
from .models import VerificationRequest

PRIVATE = cache_control(private=True, no_store=True)


@sensitive_variables("form")
def handle_form(request, form_class, kind, template, thanks_url_name, initial=None):
    """GET shows the form; POST validates it, stores it and redirects to a thank-you page without ids."""
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        address = clients.request_address(request)
        flooding = not clients.hit("intake-posts", address)
        if form.is_bot() and not flooding:
            return redirect(thanks_url_name)  # looks like success; nothing is stored
        if flooding or (form.is_valid() and clients.reached("intake-accepted", address)):
            # Nothing is stored, and the page says so; what the visitor typed stays in the form.
            form.is_valid()
            form.add_error(None, limited_message(request))
            status = 429
        elif form.is_valid():
            part2 = form.part2_fields() if hasattr(form, "part2_fields") else None
            language = visitor_language(request)
            services.create_request(kind, part2=part2, language=language, **form.request_fields())
            clients.hit("intake-accepted", address)
            return redirect(thanks_url_name)
    else:
        form = form_class(initial=initial or {})
    context = {"form": form, "action": reverse(request.resolver_match.view_name)}
    return render(request, template, context, status=status)


def limited_message(request):
    contact = ContactSettings.for_request(request)
    phone = contact.admissions_phone.as_national if contact.admissions_phone else ""
    call = f" If you need us now, please call {phone}." if phone else ""
    return (
        "This form has not been sent: we have received several forms from this connection in a short time, "
        "so we paused new ones for a while. Everything you typed is still here; please try again later." + call
    )


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
    initial = {"source": request.GET["source"]} if is_id(request.GET.get("source")) else {}
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
