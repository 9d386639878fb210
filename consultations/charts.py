"""Geometry of a survey question's bar chart, drawn on the server as SVG (like citizen_mailbox.statistics.bar_chart
and monitoring.charts): one horizontal bar per option (or per rating 1–5), its length the option's share of the
longest bar. The template draws the shapes from these numbers; the counts and percentages are in the table beside.
"""

CHART_WIDTH = 600
LABEL_WIDTH = 180  # the option's text, left of the bars
VALUE_WIDTH = 90  # "12（34.5%）", right of the longest bar
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_CHARS = 12  # longer option texts are cut in the drawing (the table beside gives them whole)


def _short(text):
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def bar_chart(rows):
    """Geometry for `rows` (each with `label`, `count` and `percent`), in their order."""
    area = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    peak = max([1, *(row.count for row in rows)])
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        length = round(area * row.count / peak, 1)
        bars.append(
            {
                "row": row,
                "label": _short(row.label),
                "label_y": top + ROW_HEIGHT / 2 + 5,
                "x": LABEL_WIDTH,
                "y": top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                "width": length,
                "value_x": round(LABEL_WIDTH + length + 6, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "peak": peak,
        "bars": bars,
    }
