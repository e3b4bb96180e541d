"""Health endpoints for the load balancer and the process supervisor."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ops.health import failing_checks


@never_cache
@require_safe
def healthz(request):
    """Liveness: the process answers. Touches no database, so a DB outage does not get every process restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Readiness: database, Redis, migrations and the task queue are fine; 503 takes this server out of rotation.

    The body says only ok/unavailable: which dependency failed goes to the server log, not to the internet.
    """
    if failing_checks():
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
