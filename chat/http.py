"""Request parsing shared by the visitor's and the staff console's chat views."""

from treatment_site.ids import parse_id


def wants_json(request):
    """True when the chat script asked for JSON (its fetch fallback); a plain form post gets HTML."""
    return "application/json" in request.headers.get("Accept", "")


def after_id(request):
    """The ?after= message id a poll starts from: 0 when missing or not a plain id."""
    return parse_id(request.GET.get("after")) or 0
