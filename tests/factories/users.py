"""Staff accounts in the groups the migrations create."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"


def make_staff(username, group=None, **extra):
    """A staff user (optionally in one of the role groups: Editors, Clinical reviewers, Admissions)."""
    extra.setdefault("first_name", username.split("-")[0].title())
    user = get_user_model().objects.create_user(
        username, f"{username}@harborlight.example", PASSWORD, is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
