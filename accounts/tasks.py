"""Background e-mail for staff accounts: a sign-in device was added or removed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task

SUBJECTS = {
    "added": "A sign-in device was added to your Harbor Light staff account",
    "removed": "A sign-in device was removed from your Harbor Light staff account",
}


@task()
def notify_device_change(user_id, change):
    """Tell the account holder, so an enrolment they did not make is noticed. Names no device, place or address."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email or change not in SUBJECTS:
        return "skipped"
    body = (
        f"{SUBJECTS[change]}.\n\n"
        "If you made this change, you need do nothing. If you did not, tell a site administrator today:"
        " they can remove the device and reset your password.\n"
    )
    send_mail(SUBJECTS[change], body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return "sent"
