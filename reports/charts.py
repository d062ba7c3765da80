"""Small server-side SVG charts drawn from the same rows as the table beside them.

No script and no CDN (government intranets); readable without colour: each series has its own fill pattern as
well as its colour, bars carry their values, and the legend names each pattern. The SVG uses presentation
attributes only, so the Content-Security-Policy (no inline style) holds.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

PATTERNS = [
    # (id, colour, pattern body): solid, diagonal hatching, dots, cross-hatching
    ("solid", "#1b5e20", None),
    ("hatch", "#0d47a1", '<path d="M0,6 l6,-6 M-1,1 l2,-2 M5,7 l2,-2" stroke="{c}" stroke-width="1.5"/>'),
    ("dots", "#b71c1c", '<circle cx="3" cy="3" r="1.4" fill="{c}"/>'),
    ("cross", "#4a148c", '<path d="M0,0 L6,6 M6,0 L0,6" stroke="{c}" stroke-width="1"/>'),
]


def _num(value) -> str:
    """A value as the table beside the chart prints it (84,99 in Vietnamese)."""
    return number_format(value)


def _defs(prefix: str) -> str:
    parts = []
    for pid, colour, body in PATTERNS:
        if body:
            parts.append(
                f'<pattern id="{prefix}-{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="#ffffff"/>{body.format(c=colour)}</pattern>'
            )
    return "<defs>" + "".join(parts) + "</defs>"


def _fill(prefix: str, index: int) -> tuple[str, str]:
    pid, colour, body = PATTERNS[index % len(PATTERNS)]
    return (f"url(#{prefix}-{pid})" if body else colour), colour


def _legend(prefix: str, names: list[str], y: int) -> str:
    parts, x = [], 0
    for index, name in enumerate(names):
        fill, colour = _fill(prefix, index)
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{fill}" stroke="{colour}"/>'
            f'<text x="{x + 18}" y="{y + 12}" font-size="12">{escape(name)}</text>'
        )
        x += 28 + 7 * len(name)
    return "".join(parts)


def stacked_columns(
    prefix: str, labels: list[str], series: list[tuple[str, list[int]]], *, title: str, height: int = 220
) -> str:
    """Columns per label (e.g. per day), stacked by series (e.g. submitted / draft / not started)."""
    totals = [sum(values[i] for _name, values in series) for i in range(len(labels))] or [0]
    top = max(totals + [1])
    column, gap, left, bottom = 26, 8, 30, 40
    width = left + len(labels) * (column + gap) + 10
    plot = height - bottom - 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height + 24}" '
        f'viewBox="0 0 {width} {height + 24}"><title>{escape(title)}</title>',
        _defs(prefix),
    ]
    for i, label in enumerate(labels):
        x, y = left + i * (column + gap), height - bottom
        for index, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            h = plot * value / top
            y -= h
            fill, colour = _fill(prefix, index)
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{column}" height="{h:.1f}" fill="{fill}" '
                f'stroke="{colour}"><title>{escape(label)}, {escape(name)}: {_num(value)}</title></rect>'
            )
        parts.append(
            f'<text x="{x + column / 2}" y="{height - bottom + 14}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        parts.append(
            f'<text x="{x + column / 2}" y="{y - 3:.1f}" font-size="11" text-anchor="middle">{totals[i]}</text>'
        )
    parts.append(f'<line x1="{left - 4}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#333"/>')
    parts.append(_legend(prefix, [name for name, _values in series], height - 8))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _short(label: str, at_most: int = 34) -> str:
    """A bar's label within its 200 px: the agency's name as the sector abbreviates it ("VKSND huyện Đông Hưng"),
    then cut with an ellipsis; the bar's tooltip and the table beside the chart keep the full name."""
    label = label.replace("Viện kiểm sát nhân dân", "VKSND")
    return label if len(label) <= at_most else label[: at_most - 1].rstrip() + "…"


def horizontal_bars(prefix: str, rows: list[tuple[str, list]], series: list[str], *, title: str) -> str:
    """One group of bars per row (e.g. per unit), one bar per series (e.g. registered / proposed), with values."""
    top = max([max(values) for _label, values in rows if values] + [1])
    bar, left, width = 12, 210, 620
    plot = width - left - 40
    height = 30 + len(rows) * (bar * len(series) + 8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height + 24}" '
        f'viewBox="0 0 {width} {height + 24}"><title>{escape(title)}</title>',
        _defs(prefix),
    ]
    y = 10
    for label, values in rows:
        short = escape(_short(label))
        parts.append(f'<text x="{left - 6}" y="{y + bar}" font-size="11" text-anchor="end">{short}</text>')
        for index, value in enumerate(values):
            fill, colour = _fill(prefix, index)
            w = plot * value / top
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 1}" fill="{fill}" stroke="{colour}">'
                f"<title>{escape(label)}, {escape(series[index])}: {_num(value)}</title></rect>"
            )
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 2}" font-size="11">{_num(value)}</text>')
            y += bar
        y += 8
    parts.append(_legend(prefix, series, height))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
