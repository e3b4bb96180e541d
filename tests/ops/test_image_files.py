"""Uploaded images are served in production (DEBUG off): renditions and originals, nothing else below MEDIA_ROOT."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.images.models import Image

from pages.demo_images import draw

FILE_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, STORAGES=FILE_STORAGE):
        yield tmp_path


@pytest.mark.django_db
def test_a_rendition_on_a_page_is_served_and_shareable(client, media_root, settings):
    assert settings.DEBUG is False
    image = Image.objects.create(title="Example photo", file=ContentFile(draw("garden"), name="garden.png"))
    rendition = image.get_rendition("width-400")
    assert rendition.url.startswith("/media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (media_root / rendition.file.name).read_bytes()
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")
    assert client.get(image.file.url).status_code == 200  # the original, for editors' previews


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["documents/notice.pdf", "images/drawing.svg", "images/../documents/notice.pdf", "images/missing.png"],
)
def test_nothing_else_below_media_root_is_served(client, media_root, path):
    for folder in ("documents", "images"):
        (media_root / folder).mkdir(exist_ok=True)
    (media_root / "documents" / "notice.pdf").write_bytes(b"%PDF-1.4 private")
    (media_root / "images" / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert client.get(f"/media/{path}").status_code == 404
