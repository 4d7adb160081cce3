"""Bar charts drawn at build time as SVG: no script, no external service. Each chart has a text
alternative, and its numbers are also given as a table."""

from __future__ import annotations

import textwrap

from markupsafe import Markup, escape

BAR_HEIGHT = 22
LINE_HEIGHT = 14
LABEL_WIDTH = 230
CHART_WIDTH = 640
# The widest a character of the chart's 12 px sans-serif gets on average (wide capitals aside):
# labels are wrapped to this many characters so that none runs past the chart's left edge.
LABEL_CHARS = int((LABEL_WIDTH - 12) / 7.2)


def fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}"


def label_lines(label: str) -> list[str]:
    """A label wrapped to the label column; a word longer than a line is broken."""
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=True) or [""]


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float]], unit: str) -> Markup:
    """An accessible horizontal bar chart and the table of its numbers."""
    top = max((v for _, v in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    summary = "; ".join(f"{label}: {fmt(v)} {unit}" for label, v in rows) or "no data yet"
    bars = []
    y = 5
    for label, value in rows:
        lines = label_lines(label)
        row = max(BAR_HEIGHT, LINE_HEIGHT * len(lines) + 8)
        width = max(1.0, span * value / top) if value else 0
        first = y + row / 2 - LINE_HEIGHT * (len(lines) - 1) / 2 + 4
        text = Markup("").join(
            Markup('<tspan x="{x}" y="{y:.1f}">{line}</tspan>').format(
                x=LABEL_WIDTH - 6, y=first + n * LINE_HEIGHT, line=line)
            for n, line in enumerate(lines))
        bar_y = y + (row - (BAR_HEIGHT - 6)) / 2
        bars.append(Markup(
            '<text text-anchor="end" class="vc-chart__label">{text}</text>'
            '<rect x="{bx}" y="{by:.1f}" width="{w:.1f}" height="{h}" class="vc-chart__bar"></rect>'
            '<text x="{vx:.1f}" y="{ty:.1f}" class="vc-chart__value">{value}</text>').format(
            text=text, bx=LABEL_WIDTH, by=bar_y, w=width, h=BAR_HEIGHT - 6,
            vx=LABEL_WIDTH + width + 4, ty=bar_y + BAR_HEIGHT * 0.5, value=fmt(value)))
        y += row
    height = y + 5
    svg = Markup(
        '<svg class="vc-chart" role="img" aria-labelledby="{id}-t {id}-d" width="{w}" '
        'height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{bars}</svg>').format(
        id=chart_id, w=CHART_WIDTH, h=height, title=title, desc=summary,
        bars=Markup("").join(bars))
    table_rows = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td></tr>").format(label, fmt(v)) for label, v in rows)
    table = Markup(
        '<details class="vc-chart__data"><summary>The numbers</summary><table id="{id}-table">'
        '<thead><tr><th scope="col">{kind}</th><th scope="col">{unit}</th></tr></thead>'
        "<tbody>{rows}</tbody></table></details>").format(
        id=chart_id, kind=escape(title.split(" by ")[-1].split(" per ")[-1].capitalize()),
        unit=unit, rows=table_rows)
    return Markup('<figure class="vc-figure" id="{}"><figcaption>{}</figcaption>{}{}</figure>'
                  ).format(chart_id, title, svg, table)
