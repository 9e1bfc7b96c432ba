#!/usr/bin/env python3
"""Plots the scale bench's table: time per question (p50, with p99 dashed) and build time
against corpus size, one line per engine, log-log. Plain SVG, no plotting library needed.

    cargo bench --bench scale | tee scale.txt
    scripts/plot_scale.py < scale.txt > docs/scale.svg
"""

import math
import sys

COLOURS = {"sqlite fts5": "#1f77b4", "plain tantivy": "#7f7f7f", "kinotanu answer": "#d62728"}
WIDTH, HEIGHT, MARGIN = 420, 300, 56


def read_rows(lines):
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 9 or not cells[0].isdigit():
            continue
        number = lambda cell: float(cell.split()[0])
        rows.append({"passages": int(cells[0]), "engine": cells[1], "build": number(cells[2]),
                     "p50": number(cells[3]), "p99": number(cells[5])})
    return rows


def panel(rows, x0, title, unit, series):
    """One log-log panel at horizontal offset x0; series: [(field, dashed)]."""
    values = [r[f] for r in rows for f, _ in series]
    sizes = [r["passages"] for r in rows]
    lo_y, hi_y = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    lo_x, hi_x = math.log10(min(sizes)), math.log10(max(sizes))
    hi_x = hi_x if hi_x > lo_x else lo_x + 1
    hi_y = hi_y if hi_y > lo_y else lo_y + 1
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    px = lambda n: x0 + MARGIN + (math.log10(n) - lo_x) / (hi_x - lo_x) * inner_w
    py = lambda v: MARGIN + inner_h - (math.log10(v) - lo_y) / (hi_y - lo_y) * inner_h
    out = [f'<text x="{x0 + WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">{title}</text>',
           f'<rect x="{x0 + MARGIN}" y="{MARGIN}" width="{inner_w}" height="{inner_h}" fill="none" stroke="#999"/>']
    for e in range(lo_y, hi_y + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{x0 + MARGIN}" x2="{x0 + WIDTH - MARGIN}" y1="{y}" y2="{y}" stroke="#eee"/>')
        out.append(f'<text x="{x0 + MARGIN - 4}" y="{y + 4}" text-anchor="end">{10 ** e:g} {unit}</text>')
    for n in sorted(set(sizes)):
        label = f"{n // 1000}k" if n < 1_000_000 else f"{n / 1e6:g}M"
        out.append(f'<text x="{px(n)}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{label}</text>')
    for engine, colour in COLOURS.items():
        mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["passages"])
        for field, dashed in series:
            points = " ".join(f"{px(r['passages']):.1f},{py(r[field]):.1f}" for r in mine)
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
    return out


def main():
    rows = read_rows(sys.stdin)
    if not rows:
        sys.exit("plot_scale.py: no table rows on standard input (pipe the scale bench's output)")
    parts = panel(rows, 0, "time per question (p50; p99 dashed)", "ms", [("p50", False), ("p99", True)])
    parts += panel(rows, WIDTH, "index build", "s", [("build", False)])
    legend_y = HEIGHT - 14
    for i, (engine, colour) in enumerate(COLOURS.items()):
        x = MARGIN + i * 150
        parts.append(f'<line x1="{x}" x2="{x + 24}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<text x="{x + 30}" y="{legend_y + 4}">{engine}</text>')
    print(f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{HEIGHT}" '
          f'font-family="sans-serif" font-size="11">')
    print('<rect width="100%" height="100%" fill="white"/>')
    print("\n".join(parts))
    print("</svg>")


if __name__ == "__main__":
    main()
