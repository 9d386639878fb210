"""Geometry of the scorecard's trend chart, drawn on the server as SVG (like citizen_mailbox.statistics.bar_chart).

The chart has two bands sharing one time axis: above, the score (0–100) as a line with the passing line
(60) drawn across; below, per snapshot a bar of the items failing with the items in warning stacked on it.
The template draws the shapes from these numbers; the figures themselves are in the table beside it.
"""

from monitoring.items import PASSING_SCORE

# The drawing area, in SVG user units (the SVG scales to the width available).
CHART_WIDTH = 600
SCORE_TOP, SCORE_BASELINE = 10, 150  # the score band: 100 at the top, 0 at the baseline
COUNT_TOP, COUNT_BASELINE = 170, 230  # the item-count band
CHART_HEIGHT = 260  # the date labels hang below the count band
MAX_SCORE = 100
DATE_LABELS = 4  # dates written under the axis (the first, the last and evenly between)


def _score_y(score):
    return round(SCORE_BASELINE - (SCORE_BASELINE - SCORE_TOP) * min(max(score, 0), MAX_SCORE) / MAX_SCORE, 1)


def _labelled(count):
    """Indexes of the points whose date is written under the axis."""
    if count <= DATE_LABELS:
        return set(range(count))
    step = (count - 1) / (DATE_LABELS - 1)
    return {round(step * number) for number in range(DATE_LABELS)}


def trend_chart(points):
    """Geometry for `points` (oldest first, each with `date`, `score`, `failing` and `warnings`)."""
    slot = CHART_WIDTH / max(len(points), 1)
    peak = max([1, *(point.failing + point.warnings for point in points)])
    count_height = COUNT_BASELINE - COUNT_TOP
    bar_width = round(max(slot * 0.6, 1), 1)
    labelled = _labelled(len(points))
    drawn = []
    for index, point in enumerate(points):
        x = round(index * slot + slot / 2, 1)
        failing_height = round(count_height * point.failing / peak, 1)
        warning_height = round(count_height * point.warnings / peak, 1)
        drawn.append(
            {
                "point": point,
                "x": x,
                "y": _score_y(point.score),
                "bar_x": round(x - bar_width / 2, 1),
                "failing": {"y": round(COUNT_BASELINE - failing_height, 1), "height": failing_height},
                "warnings": {
                    "y": round(COUNT_BASELINE - failing_height - warning_height, 1),
                    "height": warning_height,
                },
                "label": point.date if index in labelled else None,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "score_top": SCORE_TOP,
        "score_baseline": SCORE_BASELINE,
        "count_top": COUNT_TOP,
        "count_baseline": COUNT_BASELINE,
        "passing_y": _score_y(PASSING_SCORE),
        "passing_score": PASSING_SCORE,
        "bar_width": bar_width,
        "peak": peak,
        "points": drawn,
        "polyline": " ".join(f"{point['x']},{point['y']}" for point in drawn),
    }
