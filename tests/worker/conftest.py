"""Worker tests reuse the intake fixtures (a stored request to notify about)."""

from tests.intake.conftest import aetna, make_request  # noqa: F401
