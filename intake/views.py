"""Public views of the intake app."""

from django.shortcuts import render


def verify_insurance(request):
    """Placeholder for the confidential insurance form (built in the intake issue)."""
    return render(request, "intake/verify_placeholder.html")
