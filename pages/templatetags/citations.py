"""{% cite_richtext value %} and {% cite_plain text %}: article text with numbered citations linked."""

from django import template
from django.utils.html import escape
from wagtail.templatetags.wagtailcore_tags import richtext

register = template.Library()


@register.simple_tag(takes_context=True)
def cite_richtext(context, value):
    """Rich text rendered like |richtext, with [N] linked when the page provides `citations`."""
    html = richtext(value)
    citations = context.get("citations")
    return citations.link_html(html) if citations else html


@register.simple_tag(takes_context=True)
def cite_plain(context, text):
    """Plain text (escaped), with [N] linked when the page provides `citations`."""
    citations = context.get("citations")
    return citations.link_text(text or "") if citations else escape(text or "")
