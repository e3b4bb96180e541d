"""Filters for the staff queue. Only plain (non-encrypted) columns can be filtered in SQL."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from accounts.roles import ADMISSIONS

from .models import InsuranceProvider, VerificationRequest


def staff_who_can_be_assigned(request=None):
    """Members of the Admissions group, plus superusers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=ADMISSIONS) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class RequestFilterSet(WagtailFilterSet):
    """Status, kind, provider, assignee and received date."""

    status = django_filters.ChoiceFilter(choices=VerificationRequest.Status.choices)
    kind = django_filters.ChoiceFilter(label="Kind", choices=VerificationRequest.Kind.choices)
    language = django_filters.ChoiceFilter(label="Visitor's language", choices=VerificationRequest.Language.choices)
    provider = django_filters.ModelChoiceFilter(
        label="Insurance provider", queryset=InsuranceProvider.objects.all(), null_label="Other / not listed"
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label="Assigned to", queryset=staff_who_can_be_assigned, null_label="Unassigned"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    is_open = django_filters.BooleanFilter(label="Open (not closed)", method="filter_open")
    notification_failed = django_filters.BooleanFilter(label="E-mail alert failed", method="filter_notification_failed")

    class Meta:
        model = VerificationRequest
        fields = [
            "status",
            "kind",
            "language",
            "provider",
            "assigned_to",
            "created_at",
            "is_open",
            "notification_failed",
        ]

    def filter_open(self, queryset, name, value):
        closed = VerificationRequest.Status.CLOSED
        return queryset.exclude(status=closed) if value else queryset.filter(status=closed)

    def filter_notification_failed(self, queryset, name, value):
        failed = Q(notification_failed_at__isnull=False, notified_at__isnull=True)
        return queryset.filter(failed) if value else queryset.exclude(failed)
