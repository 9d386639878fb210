"""Images and documents for the demo, drawn locally so the demo needs no network."""

import io
import unicodedata

from PIL import Image, ImageColor, ImageDraw

BANNER_SIZE = (1200, 400)
PORTRAIT_SIZE = (300, 400)
# The last line of every generated document.
DOCUMENT_NOTE = "（演示数据：本文件由 govcms 演示数据生成，仅供功能展示。）"


def banner_png(sky, ground):
    """A simple city banner: a sky fading to white, a sun, a skyline and hills."""
    width, height = BANNER_SIZE
    image = Image.new("RGB", BANNER_SIZE)
    draw = ImageDraw.Draw(image)
    sky_rgb = ImageColor.getrgb(sky)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(sky_rgb, (255, 255, 255), y / height * 0.8))
    draw.ellipse([900, 50, 1010, 160], fill="#f6c343")
    _draw_skyline(draw, width, ground_level=300)
    ground_rgb = ImageColor.getrgb(ground)
    draw.polygon(
        [(0, 330), (300, 270), (650, 320), (950, 260), (width, 310), (width, height), (0, height)], fill=ground
    )
    draw.polygon(
        [(0, 370), (400, 330), (800, 365), (width, 340), (width, height), (0, height)],
        fill=_mix(ground_rgb, (0, 0, 0), 0.25),
    )
    return _png(image)


def portrait_png(background, clothing):
    """A head-and-shoulders figure on a plain background, standing in for a guest's photo."""
    image = Image.new("RGB", PORTRAIT_SIZE, background)
    draw = ImageDraw.Draw(image)
    _draw_figure(draw, centre=PORTRAIT_SIZE[0] // 2, top=90, scale=1.0, clothing=clothing)
    return _png(image)


def studio_png(clothing_colours):
    """An interview studio: a desk with microphones and one figure behind it per colour."""
    width, height = BANNER_SIZE
    image = Image.new("RGB", BANNER_SIZE, "#e8eef5")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 60], fill="#1f5fa8")
    step = width // (len(clothing_colours) + 1)
    for index, clothing in enumerate(clothing_colours, start=1):
        _draw_figure(draw, centre=index * step, top=110, scale=0.7, clothing=clothing)
        draw.line([(index * step + 40, 290), (index * step + 25, 250)], fill="#333333", width=4)
        draw.ellipse([index * step + 15, 238, index * step + 35, 258], fill="#333333")
    draw.rectangle([60, 290, width - 60, height], fill="#8a5a3b")
    return _png(image)


def _draw_figure(draw, centre, top, scale, clothing):
    head = round(60 * scale)
    draw.ellipse([centre - head, top, centre + head, top + 2 * head], fill="#f1c9a5")
    shoulders_top = top + round(130 * scale)
    draw.chord(
        [centre - round(130 * scale), shoulders_top, centre + round(130 * scale), shoulders_top + round(320 * scale)],
        180,
        360,
        fill=clothing,
    )
    draw.rectangle(
        [centre - round(130 * scale), shoulders_top + round(159 * scale), centre + round(130 * scale), 1000],
        fill=clothing,
    )


def _png(image):
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _draw_skyline(draw, width, ground_level):
    # Heights follow a fixed pattern so every load draws the same picture.
    x = 40
    for index in range(18):
        building_width = 40 + (index * 23) % 35
        building_height = 70 + (index * 53) % 130
        top = ground_level - building_height
        draw.rectangle([x, top, x + building_width, ground_level + 40], fill=(225, 232, 240), outline=(170, 180, 195))
        for window_y in range(top + 10, ground_level, 18):
            for window_x in range(x + 8, x + building_width - 8, 14):
                draw.rectangle([window_x, window_y, window_x + 6, window_y + 8], fill=(150, 175, 205))
        x += building_width + 22
        if x > width - 60:
            break


def _mix(colour, other, ratio):
    return tuple(round(a + (b - a) * ratio) for a, b in zip(colour, other, strict=True))


# A4 in points, with 72pt margins; text in the Adobe-GB1 font every PDF
# reader provides (STSong-Light), so the file needs no embedded font.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595, 842, 72
TITLE_SIZE, TEXT_SIZE, LEADING = 16, 12, 20
LINE_EMS = (PAGE_WIDTH - 2 * MARGIN) // TEXT_SIZE
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING

FONT_OBJECTS = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
    b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
)


def simple_pdf(title, paragraphs):
    """A valid PDF of a title and paragraphs of Chinese text, written by hand."""
    lines = [(TITLE_SIZE, title), (TEXT_SIZE, "")]
    for paragraph in paragraphs:
        lines += [(TEXT_SIZE, line) for line in _wrap(paragraph, LINE_EMS)]
    pages = [lines[start : start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)]
    # Objects: 1 catalog, 2 page tree, 3-5 font, 6 info, then a page and its content per page.
    page_numbers = [7 + 2 * index for index in range(len(pages))]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % n for n in page_numbers), len(pages)),
        *FONT_OBJECTS,
        b"<< /Title %s /Producer (govcms load_demo) >>" % _pdf_text(title, bom=True),
    ]
    for number, page_lines in zip(page_numbers, pages, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, number + 1)
        )
        stream = _content_stream(page_lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return _serialise(objects)


def _content_stream(lines):
    operations = [b"BT"]
    for index, (size, text) in enumerate(lines):
        y = PAGE_HEIGHT - MARGIN - index * LEADING
        operations.append(b"/F1 %d Tf 1 0 0 1 %d %d Tm %s Tj" % (size, MARGIN, y, _pdf_text(text)))
    operations.append(b"ET")
    return b"\n".join(operations)


def _serialise(objects):
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_offset = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_offset,
    )
    return bytes(output)


def _pdf_text(text, bom=False):
    """A hex string in UCS-2 big-endian, as the UniGB-UCS2-H encoding (and PDF metadata) expect."""
    return b"<%s%s>" % (b"FEFF" if bom else b"", text.encode("utf-16-be").hex().upper().encode())


def _wrap(text, width_ems):
    """Split text into lines at most `width_ems` wide; CJK characters are 1em, others half."""
    lines, line, used = [], "", 0.0
    for char in text:
        char_width = 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5
        if used + char_width > width_ems:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += char_width
    return [*lines, line]
