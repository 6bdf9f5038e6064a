"""Reference outputs of PIL's bilinear resize, for ImagePreprocessingTests.

Run with Pillow installed (`python3 make_pil_fixtures.py`, from this folder); the tests
draw the same pattern in Swift and compare. torchvision's Resize on a PIL image calls
exactly `img.resize((w, h), Image.BILINEAR)`.
"""
from PIL import Image


def pattern(width, height):
    """(x·37 + y·91 + c·53 + ((x·y) mod 17)·7) mod 256 at column x, row y, channel c."""
    data = bytes((x * 37 + y * 91 + c * 53 + ((x * y) % 17) * 7) % 256
                 for y in range(height) for x in range(width) for c in range(3))
    return Image.frombytes("RGB", (width, height), data)


def fnv1a64(data):
    """FNV-1a, 64-bit: a checksum the Swift test computes the same way."""
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def preprocess(img):
    """Resize(256) then CenterCrop(224), as torchvision computes sizes and offsets."""
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = 256, int(256 * long / short)
    new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
    img = img.resize((new_w, new_h), Image.BILINEAR)
    top, left = int(round((new_h - 224) / 2.0)), int(round((new_w - 224) / 2.0))
    return img.crop((left, top, left + 224, top + 224))


for (w, h), (ow, oh) in [((50, 30), (17, 11)), ((50, 30), (80, 45)), ((50, 30), (50, 13))]:
    pattern(w, h).resize((ow, oh), Image.BILINEAR).save(f"pil_resize_{w}x{h}_to_{ow}x{oh}.png")

for w, h in [(300, 200), (123, 234), (256, 256)]:
    out = preprocess(pattern(w, h)).tobytes()
    print(f"pattern {w}x{h}: fnv1a64 0x{fnv1a64(out):016x} first {list(out[:6])}")

# A CMYK JPEG as Photoshop saves them for print (Adobe marker, inverted ink), and PIL's RGB
# of it (Image.open(...).convert("RGB"), as torchvision's ImageFolder loader does).
pattern(24, 16).convert("CMYK").save("cmyk_24x16.jpg", quality=95)
Image.open("cmyk_24x16.jpg").convert("RGB").save("pil_cmyk_24x16_rgb.png")
