"""Server-rendered, accessible SVG bar charts for the Admissions dashboard (no scripts, no third parties).

Each chart is an <svg role="img"> named by its own <title> and <desc>, and carries the same numbers as
a table, so screen-reader users and anyone printing the page get the data, not just the picture.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 20, 44
MAX_VALUE_LABELS = 31  # beyond this many bars the numbers would overlap: the table has them


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    svg: str
    headings: list
    rows: list


def nice_ceiling(value):
    """A round top for the axis: 1, 2, 5 × a power of ten, at least the largest value."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(slug, title, description, labels, series, unit=""):
    """Grouped bars: `series` is [(name, [value or None, …]), …], one value per label."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [v for _, vals in series for v in vals if v is not None]
    top = nice_ceiling(max(values, default=0))
    slot = plot_w / max(1, len(labels))
    bar_w = max(1.0, slot * 0.8 / len(series))
    every = max(1, len(labels) // 10)
    parts = []
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(
            format_html(
                '<line class="admissions-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y:.1f}",
                f"{y:.1f}",
                LEFT - 6,
                f"{y + 4:.1f}",
                f"{value:g}",
            )
        )
    for index, label in enumerate(labels):
        x0 = LEFT + slot * index + slot * 0.1
        for number, (_name, vals) in enumerate(series):
            value = vals[index]
            if value is None:
                continue
            h = plot_h * value / top
            x, y = x0 + bar_w * number, TOP + plot_h - h
            modifier = " admissions-chart__bar--alt" if number % 2 else ""
            parts.append(
                format_html(
                    '<rect class="admissions-chart__bar{}" x="{}" y="{}" width="{}" height="{}"></rect>',
                    modifier,
                    f"{x:.1f}",
                    f"{y:.1f}",
                    f"{bar_w:.1f}",
                    f"{h:.1f}",
                )
            )
            if len(labels) * len(series) <= MAX_VALUE_LABELS:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                        f"{x + bar_w / 2:.1f}",
                        f"{y - 4:.1f}",
                        f"{value:g}",
                    )
                )
        if index % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{LEFT + slot * index + slot / 2:.1f}",
                    HEIGHT - BOTTOM + 16,
                    label,
                )
            )
    parts.append(
        format_html(
            '<line class="admissions-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            LEFT,
            WIDTH - RIGHT,
            TOP + plot_h,
            TOP + plot_h,
        )
    )
    if len(series) > 1:
        legend = format_html_join(
            "",
            '<rect class="admissions-chart__bar{}" x="{}" y="{}" width="10" height="10"></rect>'
            '<text x="{}" y="{}">{}</text>',
            (
                (
                    " admissions-chart__bar--alt" if n % 2 else "",
                    LEFT + 160 * n,
                    HEIGHT - 14,
                    LEFT + 160 * n + 14,
                    HEIGHT - 5,
                    name,
                )
                for n, (name, _) in enumerate(series)
            ),
        )
        parts.append(legend)
    svg = format_html(
        '<svg class="admissions-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        slug,
        slug,
        slug,
        title,
        slug,
        description,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
    headings = ["", *[name for name, _ in series]]
    rows = [
        [label, *[("—" if vals[i] is None else f"{vals[i]:g}{unit}") for _, vals in series]]
        for i, label in enumerate(labels)
    ]
    return Chart(slug, title, description, svg, headings, rows)


def dashboard_charts(report):
    """The five charts staff read the week from, built from a metrics.Report."""
    labels = [day.date.strftime("%a %-d" if len(report.days) <= 7 else "%-d %b") for day in report.days]
    n = len(report.days)

    def figure(value, unit):
        return "no data yet" if value is None else f"{value}{unit}"

    return [
        bar_chart(
            "requests-per-day",
            "Requests per day",
            f"New requests each day over the last {n} days; {report.requests} in all.",
            labels,
            [("Requests", [d.requests for d in report.days])],
        ),
        bar_chart(
            "time-to-contact",
            "Time to first contact (minutes)",
            f"Median and 90th percentile minutes from arrival to first contact, per day. Over the last {n} days: "
            f"median {figure(report.median_minutes, ' min')}, 90th percentile {figure(report.p90_minutes, ' min')}.",
            labels,
            [
                ("Median", [d.median_minutes for d in report.days]),
                ("90th percentile", [d.p90_minutes for d in report.days]),
            ],
            unit=" min",
        ),
        bar_chart(
            "within-target",
            "Reached within target (%)",
            f"Share of requests first contacted within their target, per day; "
            f"{figure(report.within_share, '%')} over the last {n} days.",
            labels,
            [("Within target", [d.within_share for d in report.days])],
            unit="%",
        ),
        bar_chart(
            "outcomes",
            "Contact attempt outcomes",
            f"How the contact attempts of the last {n} days ended.",
            [label for label, _ in report.outcomes],
            [("Attempts", [count for _, count in report.outcomes])],
        ),
        bar_chart(
            "chats",
            "Chats answered and missed",
            f"Closed chats per day that a counselor answered, and those that ended with nobody answering; "
            f"{report.chats_answered} answered and {report.chats_missed} missed over the last {n} days.",
            labels,
            [("Answered", [d.chats_answered for d in report.days]), ("Missed", [d.chats_missed for d in report.days])],
        ),
    ]
