"""Request parsing shared by the visitor's and the staff console's chat views."""


def wants_json(request):
    """True when the chat script asked for JSON (its fetch fallback); a plain form post gets HTML."""
    return "application/json" in request.headers.get("Accept", "")


def after_id(request):
    """The ?after= message id a poll starts from: 0 when missing, negative or not a whole number."""
    try:
        return max(int(request.GET.get("after", 0)), 0)
    except ValueError:
        return 0
