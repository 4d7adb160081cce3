"""Bar charts drawn at build time as SVG: no script, no external service. Each chart has a text
alternative, and its numbers are also given as a table."""

from __future__ import annotations

import textwrap

from babel.numbers import format_decimal
from markupsafe import Markup

from ..model.words import Words

BAR_HEIGHT = 14
LINE_HEIGHT = 15
CHART_WIDTH = 400  # drawn at about a phone's width: its 13-unit text stays over 11 px there
VALUE_WIDTH = 90  # room right of the longest bar for its value
# The widest a character of the chart's 13 px sans-serif gets on average (wide capitals aside):
# labels are wrapped to this many characters so that none runs past the chart's right edge.
LABEL_CHARS = int(CHART_WIDTH / 7.8)
NOT_MEASURED = "not measured"


def fmt(value: float | None, w: Words) -> str:
    """A chart's number as the page's locale writes it: whole from 10 up, else one decimal."""
    if value is None:
        return w._(NOT_MEASURED)
    pattern = "#,##0" if value >= 10 or value == int(value) else "#,##0.0"
    return format_decimal(value, pattern, locale=w.format_locale)


def label_lines(label: str) -> list[str]:
    """A label wrapped to the chart's width; a word longer than a line is broken."""
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=True) or [""]


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float | None]],
              unit: str, kind: str, w: Words) -> Markup:
    """An accessible horizontal bar chart and the table of its numbers (a column of `kind`
    and one of `unit`): each label above its bar (readable at a phone's width), the unit in
    the caption, a figure that was not measured said so (no bar), never drawn as 0. The
    words are the page's language's (title, unit and kind translated by the caller)."""
    top = max((v for _, v in rows if v is not None), default=0) or 1
    span = CHART_WIDTH - VALUE_WIDTH
    summary = "; ".join(f"{label}: {fmt(v, w)}{'' if v is None else ' ' + unit}"
                        for label, v in rows) or w._("no data yet")
    bars = []
    y = 4
    for label, value in rows:
        lines = label_lines(label)
        text = Markup("").join(
            Markup('<tspan x="1" y="{y:.1f}">{line}</tspan>').format(
                y=y + LINE_HEIGHT * (n + 1) - 3, line=line) for n, line in enumerate(lines))
        bar_y = y + LINE_HEIGHT * len(lines) + 2
        width = max(1.0, span * value / top) if value else 0
        bars.append(Markup(
            '<text class="vc-chart__label">{text}</text>'
            '<rect x="0" y="{by:.1f}" width="{w:.1f}" height="{h}" class="vc-chart__bar"></rect>'
            '<text x="{vx:.1f}" y="{ty:.1f}" class="vc-chart__value">{value}</text>').format(
            text=text, by=bar_y, w=width, h=BAR_HEIGHT,
            vx=width + 4, ty=bar_y + BAR_HEIGHT - 2, value=fmt(value, w)))
        y = bar_y + BAR_HEIGHT + 8
    height = y + 5
    svg = Markup(
        '<svg class="vc-chart" role="img" aria-labelledby="{id}-t {id}-d" width="{w}" '
        'height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{bars}</svg>').format(
        id=chart_id, w=CHART_WIDTH, h=height, title=title, desc=summary,
        bars=Markup("").join(bars))
    table_rows = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td></tr>").format(label, fmt(v, w)) for label, v in rows)
    table = Markup(
        '<details class="vc-chart__data"><summary>{numbers}</summary><table id="{id}-table">'
        '<thead><tr><th scope="col">{kind}</th><th scope="col">{unit}</th></tr></thead>'
        "<tbody>{rows}</tbody></table></details>").format(
        numbers=w._("The numbers"), id=chart_id, kind=kind, unit=unit, rows=table_rows)
    return Markup('<figure class="vc-figure" id="{}"><figcaption>{} <span class="vc-muted">'
                  '({})</span></figcaption>{}{}</figure>').format(chart_id, title, unit, svg,
                                                                  table)
