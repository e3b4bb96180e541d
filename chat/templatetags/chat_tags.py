"""Small formatting helpers for the chat templates."""

from django import template

register = template.Library()


@register.filter
def waited(seconds):
    """A wait in words staff read at a glance: "40 s", "4 min", "1 h 5 min"."""
    seconds = int(seconds or 0)
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
