"""Template helpers for the disclosures: who answers, the organization's JSON-LD, licences, services, insurers."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from pages.disclosures import trust_for_request
from pages.services import LevelOfCare, Medication

register = template.Library()


def trust_settings(context):
    return trust_for_request(context.get("request"))[0]


@register.simple_tag(takes_context=True)
def who_answers(context):
    """The sentence set beside every admissions phone number and chat link."""
    return format_html('<span class="who-answers">{}</span>', gettext(trust_settings(context).who_answers))


@register.simple_tag(takes_context=True)
def crisis_lines_note(context):
    """Beside 911/988/SAMHSA: those are public services, not us."""
    return format_html('<span class="who-answers">{}</span>', gettext(trust_settings(context).crisis_lines_note))


@register.inclusion_tag("includes/trust/credentials.html", takes_context=True)
def credentials_list(context, compact=False):
    return {
        "credentials": trust_for_request(context.get("request"))[1],
        "compact": compact,
        "today": timezone.localdate(),
    }


@register.inclusion_tag("includes/trust/services.html")
def services_list():
    return {
        "levels": list(LevelOfCare.objects.select_related("program_page")),
        "medications": list(Medication.objects.all()),
    }


@register.inclusion_tag("includes/trust/program_levels.html", takes_context=True)
def program_levels(context, page):
    """The levels of care a program page stands for, as the records say (never the page's own words).

    The records link the English page; its translations share the translation key, so they show them too.
    """
    return {
        "levels": list(LevelOfCare.objects.filter(program_page__translation_key=page.translation_key)),
        "trust": trust_settings(context),
    }


@register.inclusion_tag("includes/trust/drug_medications.html", takes_context=True)
def drug_medications(context, page):
    """Whether we provide this medication (MAT), from its Medication records, on the drug's article."""
    return {
        "medications": list(Medication.objects.filter(drug_page__translation_key=page.translation_key)),
        "trust": trust_settings(context),
    }


@register.inclusion_tag("includes/trust/insurers.html")
def insurer_network_list():
    from intake.models import InsuranceProvider

    return {"providers": list(InsuranceProvider.objects.filter(active=True))}


@register.simple_tag(takes_context=True)
def trust(context):
    """The TrustSettings object, for templates that need its page links: {% trust as t %}."""
    return trust_settings(context)
