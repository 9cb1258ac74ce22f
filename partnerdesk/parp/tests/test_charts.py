"""The hand-built SVG chart: accessible, labelled, escaped."""

from __future__ import annotations

from partnerdesk.parp.charts import GoalBar, goal_series_svg


def test_chart_has_title_desc_axes_legend_and_bars() -> None:
    svg = goal_series_svg(
        [GoalBar("2000–2002", 27, None), GoalBar("2012–2014", 44, 31)], nation="Azerbaijan"
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert '<title id="chart-title">Partnership Goals of Azerbaijan per PARP cycle</title>' in svg
    assert (
        '<desc id="chart-desc">2000–2002: 27 goals; 2012–2014: 44 goals, 31 for the armed '
        "forces.</desc>"
    ) in svg
    assert ">PARP cycle</text>" in svg
    assert ">Partnership Goals</text>" in svg
    assert ">All Partnership Goals</text>" in svg
    assert ">For the armed forces</text>" in svg
    assert svg.count("<rect") == 3 + 2  # three bars and two legend keys
    assert ">not recorded</text>" in svg
    assert ">50</text>" in svg  # the axis is rounded up above 44


def test_chart_escapes_text_and_handles_no_data() -> None:
    svg = goal_series_svg([GoalBar("<b>x</b>", 1, 1)], nation="A & B")
    assert "<b>" not in svg
    assert "&lt;b&gt;x&lt;/b&gt;" in svg
    assert "A &amp; B" in svg
    empty = goal_series_svg([], nation="Georgia")
    assert "No PARP cycles to show." in empty
