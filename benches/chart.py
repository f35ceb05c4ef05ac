#!/usr/bin/env python3
"""Draws the latest benchmark run as an SVG chart (issue 8): build time against number of
articles, healthkb and Hugo, both axes logarithmic (the sizes grow tenfold at each step).

    python3 benches/chart.py                      # benches/results/summary.csv -> build-time.svg
    python3 benches/chart.py --csv F --out G.svg

The latest run is the rows of summary.csv that share the newest `date`. The chart has a <title>
and a <desc> giving every number, so it reads without the picture, and its colours follow the
reader's light or dark setting.
"""
import argparse
import csv
import math
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 56, 56
SERIES = [  # (csv column, label, css class, marker)
    ("wall_s_ours", "healthkb", "ours", "circle"),
    ("wall_s_hugo", "Hugo", "hugo", "square"),
]
STYLE = """
text { font: 13px system-ui, sans-serif; fill: #212b32; }
.title { font-size: 16px; font-weight: bold; }
.axis, .tick { stroke: #4c6272; }
.grid { stroke: #d8dde0; }
.ours { stroke: #005eb8; fill: #005eb8; }
.hugo { stroke: #d5281b; fill: #d5281b; }
path.ours, path.hugo { fill: none; stroke-width: 2.5; }
.hugo-line { stroke-dasharray: 7 4; }
.bg { fill: #ffffff; }
@media (prefers-color-scheme: dark) {
  text { fill: #e9eef1; }
  .bg { fill: #15191d; }
  .grid { stroke: #46525c; }
  .axis, .tick { stroke: #b6c3cc; }
  .ours { stroke: #8cc8ff; fill: #8cc8ff; }
  .hugo { stroke: #ff9b8f; fill: #ff9b8f; }
}
"""


def latest_run(path):
    """Rows of the newest run, by number of articles."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{path}: no results yet; run benches/compare.sh first")
    newest = max(r["date"] for r in rows)
    run = [r for r in rows if r["date"] == newest]
    return sorted(run, key=lambda r: int(r["n"]))


def log_scale(lo, hi, size, flip=False):
    """Maps [lo, hi] logarithmically onto [0, size]."""
    a, b = math.log10(lo), math.log10(hi)

    def place(v):
        t = (math.log10(v) - a) / (b - a) if b > a else 0.5
        return size * (1 - t) if flip else size * t

    return place


def decades(lo, hi):
    """Powers of ten from below `lo` to above `hi`."""
    return [10.0**e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def steps(lo, hi):
    """1, 2, 5 times powers of ten between `lo` and `hi`."""
    return [d * m for d in decades(lo, hi) for m in (1, 2, 5) if lo <= d * m <= hi]


def seconds(v):
    """A time in 3 significant digits."""
    return f"{v:.3g} s" if v >= 1 else f"{v * 1000:.3g} ms"


def mark(shape, cls, x, y):
    """A data point: a circle or a square centred on (x, y)."""
    if shape == "circle":
        return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
    return f'<rect class="{cls}" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10"/>'


def draw(run):
    """The chart's SVG text."""
    ns = [int(r["n"]) for r in run]
    times = [float(r[col]) for r in run for col, *_ in SERIES]
    x_ticks = ns
    y_lo, y_hi = min(times) / 2.5, max(times) * 2.5
    y_ticks = steps(y_lo, y_hi)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    px = log_scale(min(ns) / 1.6, max(ns) * 1.6, plot_w)
    py = log_scale(y_lo, y_hi, plot_h, flip=True)
    commit, hugo = run[0]["healthkb_commit"], run[0]["hugo"]
    title = "Build time against number of articles (log scales; lower is faster)"
    desc = "; ".join(
        f"{int(r['n']):,} articles: healthkb {seconds(float(r['wall_s_ours']))}, "
        f"Hugo {seconds(float(r['wall_s_hugo']))} ({float(r['wall_ratio']):.2f} of Hugo's time)"
        for r in run
    )
    desc = f"Median wall time on {run[0]['cpus']} CPUs, healthkb {commit}, Hugo {hugo}. {desc}."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="t d">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
        f'<rect class="bg" width="{WIDTH}" height="{HEIGHT}"/>',
        f'<text class="title" x="{LEFT}" y="28">Build time against number of articles</text>',
        f'<g transform="translate({LEFT},{TOP})">',
    ]
    for t in y_ticks:
        y = py(t)
        out.append(f'<line class="grid" x1="0" x2="{plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text x="-8" y="{y + 4:.1f}" text-anchor="end">{seconds(t)}</text>')
    for n in x_ticks:
        x = px(n)
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{plot_h}"/>')
        out.append(f'<text x="{x:.1f}" y="{plot_h + 20}" text-anchor="middle">{int(n):,}</text>')
    out.append(f'<line class="axis" x1="0" x2="{plot_w}" y1="{plot_h}" y2="{plot_h}"/>')
    out.append(f'<line class="axis" x1="0" x2="0" y1="0" y2="{plot_h}"/>')
    out.append(
        f'<text x="{plot_w / 2:.1f}" y="{plot_h + 42}" text-anchor="middle">articles</text>'
    )
    for k, (col, label, cls, marker) in enumerate(SERIES):
        points = [(px(int(r["n"])), py(float(r[col]))) for r in run]
        line = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
        out.append(f'<path class="{cls} {cls}-line" d="{line}"/>')
        for (x, y), r in zip(points, run):
            out.append(mark(marker, cls, x, y))
            # The number goes on the side away from the other series: below for the faster one.
            others = [float(r[c]) for c, *_ in SERIES if c != col]
            dy = 22 if all(float(r[col]) <= o for o in others) else -10
            out.append(
                f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="middle">{seconds(float(r[col]))}</text>'
            )
        ly = 10 + 24 * k
        out.append(mark(marker, cls, plot_w + 40, ly))
        out.append(f'<text x="{plot_w + 52}" y="{ly + 4}">{label}</text>')
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=here / "results" / "summary.csv")
    parser.add_argument("--out", default=here / "results" / "build-time.svg")
    args = parser.parse_args()
    svg = draw(latest_run(args.csv))
    Path(args.out).write_text(svg)
    print(f"chart: {args.out}")


if __name__ == "__main__":
    main()
