"""SVG charts: well-formed, accessible, escaped, with the numbers printed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from partnerdesk.assessments import charts
from partnerdesk.assessments.charts import HeatCell, TrendPoint

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own generated SVG, not untrusted input


def _texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_heatmap_cells_carry_colour_value_and_count() -> None:
    svg = charts.heatmap_svg(
        title="Azerbaijan <gaps> & more",
        rows=["1. Political", "2. Defence & <security>"],
        columns=[2015, 2016],
        cells={
            ("1. Political", 2015): HeatCell(0.25, 4),
            ("1. Political", 2016): HeatCell(2.5, 2),
            ("2. Defence & <security>", 2015): HeatCell(1.0, 3),
        },
    )
    root = _parse(svg)  # well-formed, so every label was escaped
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Azerbaijan <gaps> & more"
    assert "mean absolute gap" in root.find(f"{SVG}desc").text
    texts = _texts(root)
    cell_texts = [t for t in texts if re.fullmatch(r"\d\.\d\d|n=\d+|\u2014|no pairs", t)]
    assert cell_texts == ["0.25", "n=4", "2.50", "n=2", "1.00", "n=3", "\u2014", "no pairs"]
    assert "2. Defence & <security>" in texts
    assert {"2015", "2016", "Mean absolute gap (levels)", "\u2265 2", "none"} <= set(texts)
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert fills == ["#e8f0fb", "#a3222b", "#f0b36a", charts.EMPTY]


def test_gap_colours_use_fixed_steps() -> None:
    assert [charts.gap_colour(v)[0] for v in (0, 0.49, 0.5, 1.2, 1.5, 1.99, 2, 4)] == [
        "#e8f0fb",
        "#e8f0fb",
        "#f6e3b4",
        "#f0b36a",
        "#d9683f",
        "#d9683f",
        "#a3222b",
        "#a3222b",
    ]


def test_trend_has_two_series_axes_legend_and_breaks_on_missing_years() -> None:
    svg = charts.trend_svg(
        title="Agreement per year",
        points=[
            TrendPoint(2015, 0.6, 0.3, 0.9, 0.5),
            TrendPoint(2016, None, None, None, 0.75),
            TrendPoint(2017, 0.8, 0.6, 1.0, 1.0),
        ],
    )
    root = _parse(svg)
    texts = _texts(root)
    assert {"Assessment year", "Agreement (0 to 1)", "2015", "2016", "2017"} <= set(texts)
    assert "Weighted kappa (bars: 95% interval)" in texts
    assert "Exact agreement (share of objectives)" in texts
    polylines = list(root.iter(f"{SVG}polyline"))
    assert len(polylines) == 1  # exact agreement joins three years; kappa has a gap in 2016
    circles = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert [c.find(f"{SVG}title").text for c in circles] == ["2015: kappa 0.60", "2017: kappa 0.80"]
    assert "2016: kappa n/a, exact 75%" in root.find(f"{SVG}desc").text


def test_negative_kappa_extends_the_axis_and_empty_charts_say_so() -> None:
    root = _parse(charts.trend_svg(title="t", points=[TrendPoint(2015, -0.2, -0.6, 0.2, 0.1)]))
    assert "-1" in _texts(root)
    empty = _parse(charts.trend_svg(title="t", points=[]))
    assert "No revealed ratings yet." in _texts(empty)
    heat = _parse(charts.heatmap_svg(title="h", rows=[], columns=[], cells={}))
    assert "No revealed ratings yet." in _texts(heat)
