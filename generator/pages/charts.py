"""Bar charts drawn at build time as SVG: no script, no external service. Each chart has a text
alternative, and its numbers are also given as a table."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
LABEL_WIDTH = 230
CHART_WIDTH = 640


def fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float]], unit: str) -> Markup:
    """An accessible horizontal bar chart and the table of its numbers."""
    top = max((v for _, v in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = BAR_HEIGHT * len(rows) + 10
    summary = "; ".join(f"{label}: {fmt(v)} {unit}" for label, v in rows) or "no data yet"
    bars = []
    for n, (label, value) in enumerate(rows):
        y = 5 + n * BAR_HEIGHT
        width = max(1.0, span * value / top) if value else 0
        bars.append(Markup(
            '<text x="{lx}" y="{ty}" text-anchor="end" class="vc-chart__label">{label}</text>'
            '<rect x="{bx}" y="{y}" width="{w:.1f}" height="{h}" class="vc-chart__bar"></rect>'
            '<text x="{vx:.1f}" y="{ty}" class="vc-chart__value">{value}</text>').format(
            lx=LABEL_WIDTH - 6, ty=y + BAR_HEIGHT * 0.68, label=label, bx=LABEL_WIDTH, y=y,
            w=width, h=BAR_HEIGHT - 6, vx=LABEL_WIDTH + width + 4, value=fmt(value)))
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
