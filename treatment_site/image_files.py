"""Uploaded images in production: Wagtail's renditions and originals under MEDIA_ROOT, served by Django.

Django serves /media/ only with DEBUG on, and `make prod` (Varnish, HAProxy, gunicorn) has no web server of
its own for files, so every photo on the contact page was a broken image. Only the two image folders and
raster types are served: documents keep Wagtail's own view (/documents/), which applies collection privacy,
and an uploaded SVG could carry script. Answers are public and cached for a day (renditions are named by their
filter, so a changed photo gets a new name), so Varnish serves repeat requests. With many hosts MEDIA_ROOT
is shared storage (README, "Running in production"); a storage backend with its own URLs bypasses this.
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

IMAGE_FOLDERS = ("images/", "original_images/")
RASTER_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


@require_safe
@cache_control(public=True, max_age=86400)
def image_file(request, path):
    """One image file below MEDIA_ROOT (django.views.static.serve refuses paths that leave it)."""
    if not path.startswith(IMAGE_FOLDERS) or not path.lower().endswith(RASTER_TYPES):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
