"""Demo photos drawn here with Pillow, so the demo ships no stock photos and downloads nothing.

Each is a plain illustration labelled "Example photo", uploaded to Wagtail's image library with alt text,
the way an editor would upload the facility's real photos.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

SCENES = {
    "entrance": {
        "title": "Example photo: the front entrance",
        "alt": "Illustration of a two-storey building with a covered front door and a ramp beside the steps.",
        "sky": (214, 232, 240),
        "wall": (236, 226, 208),
    },
    "garden": {
        "title": "Example photo: the garden",
        "alt": "Illustration of a quiet garden with benches under two trees and a path to the building.",
        "sky": (222, 238, 226),
        "wall": (206, 224, 196),
    },
}


def draw(scene, size=(1200, 800)):
    """PNG bytes of a simple, clearly illustrative scene (not a photograph of any real place)."""
    spec = SCENES[scene]
    width, height = size
    canvas = PILImage.new("RGB", size, spec["sky"])
    pen = ImageDraw.Draw(canvas)
    pen.rectangle([0, int(height * 0.75), width, height], fill=(150, 180, 140))  # ground
    if scene == "entrance":
        pen.rectangle([200, 220, 1000, 600], fill=spec["wall"], outline=(90, 90, 90), width=4)
        for x in range(260, 960, 140):
            pen.rectangle([x, 270, x + 80, 350], fill=(170, 200, 220), outline=(90, 90, 90), width=3)
        pen.rectangle([540, 430, 660, 600], fill=(60, 100, 120))  # door
        pen.polygon([(500, 430), (700, 430), (660, 390), (540, 390)], fill=(120, 120, 120))  # canopy
        pen.line([(700, 600), (900, 560)], fill=(90, 90, 90), width=8)  # ramp
    else:
        for x in (300, 850):
            pen.rectangle([x - 15, 380, x + 15, 600], fill=(110, 80, 60))
            pen.ellipse([x - 140, 200, x + 140, 420], fill=(90, 140, 90))
        for x in (450, 650):
            pen.rectangle([x, 560, x + 120, 580], fill=(120, 90, 60))
        pen.polygon([(560, 800), (640, 800), (610, 600), (590, 600)], fill=(200, 190, 170))  # path
    pen.rectangle([0, 0, 330, 60], fill=(255, 255, 255))
    pen.text((20, 18), "Example photo (illustration)", fill=(0, 0, 0), font_size=28)
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_image(scene):
    """The Wagtail image for a scene, uploaded once (idempotent, like the rest of the demo loader)."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    spec = SCENES[scene]
    image = Image.objects.filter(title=spec["title"]).first()
    if image is None:
        image = Image(title=spec["title"], description=spec["alt"])
        image.file = ImageFile(io.BytesIO(draw(scene)), name=f"example-{scene}.png")
        image.save()
    return image
