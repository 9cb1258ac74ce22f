"""The strength chart: exact point labels, one point per snapshot, citations, accessibility."""

from __future__ import annotations

import datetime as dt
import re

from partnerdesk.operations.charts import ChartPoint, ChartSeries, colours_for, strength_chart_svg

D = dt.date


def _series() -> list[ChartSeries]:
    return [
        ChartSeries(
            "ISAF",
            "International Security Assistance Force",
            (
                ChartPoint(D(2002, 11, 20), "20 Nov 2002", 22, False, ("S79",)),
                ChartPoint(D(2009, 1, 1), "2009", 90, True, ("S70", "S79")),
            ),
            until=D(2014, 12, 28),
        ),
        ChartSeries(
            "RSM",
            "Resolute Support Mission",
            (
                ChartPoint(D(2015, 1, 1), "2015", 94, False, ("S81", "S84", "S87")),
                ChartPoint(D(2021, 8, 26), "26 Aug 2021", 0, False, ("S83",)),
            ),
        ),
    ]


def test_points_are_labelled_and_cited() -> None:
    svg = strength_chart_svg(_series(), title="Azerbaijan <& friends>")
    labels = re.findall(r'<text class="point-label"[^>]*>([^<]*)<tspan[^>]*>(\d+)</tspan>', svg)
    assert labels == [("22", "1"), ("~90", "2"), ("94", "3"), ("0", "4")]
    assert svg.count("<circle") == 4
    notes = re.findall(r'<text class="footnote"[^>]*>([^<]*)<tspan[^>]*>([^<]*)</tspan>', svg)
    assert notes == [
        ("1. ISAF, 20 Nov 2002: 22 ", "[S79]"),
        ("2. ISAF, 2009: ~90 ", "[S70, S79]"),
        ("3. RSM, 2015: 94 ", "[S81, S84, S87]"),
        ("4. RSM, 26 Aug 2021: 0 ", "[S83]"),
    ]
    assert '<title id="ops-strength-title">Azerbaijan &lt;&amp; friends&gt;</title>' in svg
    assert 'aria-labelledby="ops-strength-title ops-strength-desc"' in svg
    assert (
        '<desc id="ops-strength-desc">ISAF (International Security Assistance Force): '
        "20 Nov 2002 22 [S79]; 2009 about 90 [S70, S79]. RSM (Resolute Support Mission): "
        "2015 94 [S81, S84, S87]; 26 Aug 2021 0 [S83].</desc>"
    ) in svg
    assert ">Personnel</text>" in svg
    assert "Year (each point" in svg
    assert svg.count('stroke-dasharray="5 4"') == 1  # ISAF carried to its mandate end
    assert 'data-operation="ISAF"' in svg
    assert 'stroke="#1d6b3a"' in svg
    assert 'viewBox="0 0 800 ' in svg


def test_colours_are_fixed_per_operation_and_empty_input_draws_nothing() -> None:
    assert colours_for(["RSM", "KFOR", "ISAF", "EUFOR"]) == {
        "EUFOR": "#7a3e9d",
        "ISAF": "#1d6b3a",
        "KFOR": "#2f5d9f",
        "RSM": "#a15c00",
    }
    assert strength_chart_svg([], title="x") == ""
    assert strength_chart_svg([ChartSeries("KFOR", "Kosovo Force", ())], title="x") == ""
