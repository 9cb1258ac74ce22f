"""Agreement statistics: hand-worked tables, scikit-learn on random data, edge cases."""

from __future__ import annotations

import math
import random
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from partnerdesk.assessments import analytics
from partnerdesk.assessments.analytics import (
    ALL_SAME,
    NO_PAIRS,
    ONE_LEVEL,
    agreement,
    agreement_by,
    divergences,
    mean_abs_gap_by,
    weighted_kappa,
)


def _pairs(table: list[list[int]]) -> list[tuple[int, int]]:
    """Expand a contingency table (rows national 1..k, columns alliance 1..k) into pairs."""
    return [
        (i + 1, j + 1)
        for i, row in enumerate(table)
        for j, count in enumerate(row)
        for _ in range(count)
    ]


def test_hand_worked_three_level_table() -> None:
    # k = 3 levels, n = 10 objectives.
    #                 alliance 1  2  3   | row share p_i.
    #   national 1           2  1  0   |  3/10
    #   national 2           1  3  1   |  5/10
    #   national 3           0  1  1   |  2/10
    #   column share p_.j   3/10 5/10 2/10
    # Quadratic agreement weights w_ij = 1 - (i-j)^2 / (k-1)^2 = 1 - (i-j)^2/4:
    #   same level 1, one level apart 0.75, two levels apart 0.
    # p_o = (2+3+1)/10 * 1 + (1+1+1+1)/10 * 0.75 = 0.6 + 0.3 = 0.9
    # p_e = sum w_ij p_i. p_.j
    #     = 1 * (.3*.3 + .5*.5 + .2*.2) + 0.75 * (.3*.5 + .5*.3 + .5*.2 + .2*.5) + 0
    #     = 0.38 + 0.75 * 0.5 = 0.755
    # kappa = (0.9 - 0.755) / (1 - 0.755) = 0.145 / 0.245 = 29/49 = 0.591837
    #
    # Standard error (Fleiss, Cohen & Everitt 1969), 1 - kappa = 20/49:
    #   wbar_i. = sum_j p_.j w_ij: row 1: .3 + .5*.75 = 0.675; row 2: .3*.75 + .5 + .2*.75 =
    #   0.875; row 3: .5*.75 + .2 = 0.575 (the margins are symmetric, so wbar_.j is the same).
    #   terms p_ij * (w_ij - (wbar_i. + wbar_.j)(1 - kappa))^2:
    #     (1,1) .2 * (1    - 1.35 * 20/49)^2 = .2 * 0.44898^2 = 0.040317
    #     (1,2) .1 * (0.75 - 1.55 * 20/49)^2 = .1 * 0.11735^2 = 0.001377   (and (2,1) the same)
    #     (2,2) .3 * (1    - 1.75 * 20/49)^2 = .3 * 0.28571^2 = 0.024490
    #     (2,3) .1 * (0.75 - 1.45 * 20/49)^2 = .1 * 0.15816^2 = 0.002502   (and (3,2) the same)
    #     (3,3) .1 * (1    - 1.15 * 20/49)^2 = .1 * 0.53061^2 = 0.028155
    #   sum = 0.100718
    #   (kappa - p_e (1 - kappa))^2 = (0.591837 - 0.755 * 0.408163)^2 = 0.283673^2 = 0.080471
    #   Var = (0.100718 - 0.080471) / (10 * 0.245^2) = 0.020248 / 0.60025 = 0.033732
    #   SE = 0.183664; 95% CI = 0.591837 -/+ 1.959964 * 0.183664 = 0.231863 to 0.951811
    result = agreement(_pairs([[2, 1, 0], [1, 3, 1], [0, 1, 1]]), 3)
    assert result.n == 10
    assert result.exact == pytest.approx(0.6)
    assert result.within_one == pytest.approx(1.0)
    assert result.mean_gap == pytest.approx(0.0)
    assert result.mean_abs_gap == pytest.approx(0.4)
    assert result.kappa.value == pytest.approx(29 / 49)
    assert result.kappa.se == pytest.approx(0.18366355, abs=1e-7)
    assert result.kappa.low == pytest.approx(0.23186279, abs=1e-7)
    assert result.kappa.high == pytest.approx(0.95181068, abs=1e-7)
    assert result.reason == ""


def test_hand_worked_five_level_table_where_the_nation_rates_higher() -> None:
    # k = 5, n = 8 pairs (national, alliance):
    #   (5,4) (4,3) (3,3) (5,5) (2,1) (4,4) (3,2) (1,1)
    # Gaps national - alliance: 1,1,0,0,1,0,1,0 -> exact 4/8, within one 8/8, mean gap +0.5
    # (the national experts rate half a level higher on average).
    # Weights w_ij = 1 - (i-j)^2 / (k-1)^2 = 1 - (i-j)^2/16: same level 1, one apart 15/16.
    # p_o = 4/8 * 1 + 4/8 * 15/16 = 0.5 + 0.46875 = 0.96875 (= 31/32)
    # Margins: national levels 1..5 -> 1/8, 1/8, 2/8, 2/8, 2/8
    #          alliance levels 1..5 -> 2/8, 1/8, 2/8, 2/8, 1/8
    # p_e = sum_ij p_i. p_.j (1 - (i-j)^2/16) = 1 - E[(i-j)^2]/16 with i, j independent:
    #   E[i] = (1 + 2 + 6 + 8 + 10)/8 = 27/8 = 3.375     E[i^2] = (1 + 4 + 18 + 32 + 50)/8 = 13.125
    #   E[j] = (2 + 2 + 6 + 8 + 5)/8  = 23/8 = 2.875     E[j^2] = (2 + 4 + 18 + 32 + 25)/8 = 10.125
    #   E[(i-j)^2] = E[i^2] - 2 E[i] E[j] + E[j^2] = 13.125 - 19.40625 + 10.125 = 3.84375
    #   p_e = 1 - 3.84375/16 = 1 - 0.240234375 = 0.759765625 (= 389/512)
    # kappa = (31/32 - 389/512) / (1 - 389/512) = (496 - 389) / (512 - 389) = 107/123 = 0.869919
    pairs = [(5, 4), (4, 3), (3, 3), (5, 5), (2, 1), (4, 4), (3, 2), (1, 1)]
    result = agreement(pairs, 5)
    assert (result.n, result.exact, result.within_one) == (8, 0.5, 1.0)
    assert result.mean_gap == pytest.approx(0.5)
    assert result.mean_abs_gap == pytest.approx(0.5)
    assert result.kappa.value == pytest.approx(107 / 123)
    assert result.kappa.se == pytest.approx(0.06268398, abs=1e-7)
    # 95% CI: 0.869919 -/+ 1.959964 * 0.062684 = 0.747060 to 0.992777
    assert result.kappa.low == pytest.approx(0.74706, abs=1e-5)
    assert result.kappa.high == pytest.approx(0.992777, abs=1e-5)


@pytest.mark.parametrize("seed", range(25))
def test_kappa_matches_scikit_learn_on_random_data(seed: int) -> None:
    rng = random.Random(seed)
    levels = rng.randint(3, 10)
    n = rng.randint(2, 60)
    national = [rng.randint(1, levels) for _ in range(n)]
    # the alliance side mostly agrees, within a level or two
    alliance = [min(levels, max(1, x + rng.choice([-2, -1, 0, 0, 0, 1, 1]))) for x in national]
    pairs = list(zip(national, alliance, strict=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = cohen_kappa_score(
            national, alliance, weights="quadratic", labels=list(range(1, levels + 1))
        )
    result = weighted_kappa(pairs, levels)
    if math.isnan(expected):
        assert result.value == 1.0
        assert result.reason == ALL_SAME
    else:
        assert result.value == pytest.approx(expected, abs=1e-12)


def test_standard_error_matches_the_spread_of_kappa_over_simulated_samples() -> None:
    # An independent check of the FCE formula: draw many samples of n pairs from one joint
    # distribution and compare the formula's SE with the standard deviation of kappa.
    rng = np.random.default_rng(7)
    levels, n, repeats = 4, 200, 1500
    joint = np.array(
        [
            [0.10, 0.04, 0.01, 0.00],
            [0.04, 0.18, 0.05, 0.01],
            [0.01, 0.05, 0.20, 0.06],
            [0.00, 0.01, 0.06, 0.18],
        ]
    )
    joint = joint / joint.sum()
    cells = [(i + 1, j + 1) for i in range(levels) for j in range(levels)]
    kappas: list[float] = []
    ses: list[float] = []
    for _ in range(repeats):
        picks = rng.choice(len(cells), size=n, p=joint.ravel())
        result = weighted_kappa([cells[k] for k in picks], levels)
        assert result.value is not None
        assert result.se is not None
        kappas.append(result.value)
        ses.append(result.se)
    assert float(np.mean(ses)) == pytest.approx(float(np.std(kappas)), rel=0.08)


def test_no_complete_pair_gives_none_values_and_a_reason() -> None:
    result = agreement([(3, None), (None, 2), (None, None)], 5)
    assert result.n == 0
    assert (result.exact, result.within_one, result.mean_gap, result.mean_abs_gap) == (
        None,
        None,
        None,
        None,
    )
    assert (result.kappa.value, result.kappa.se, result.kappa.low, result.kappa.high) == (
        None,
        None,
        None,
        None,
    )
    assert result.reason == NO_PAIRS
    assert agreement([], 5).reason == NO_PAIRS


def test_pairs_with_one_side_missing_are_left_out() -> None:
    result = agreement([(3, 3), (4, None), (None, 1), (2, 4)], 5)
    assert (result.n, result.exact, result.mean_gap) == (2, 0.5, -1.0)


def test_all_ratings_identical_reports_kappa_one_without_interval() -> None:
    # Both sides used level 3 everywhere: p_o = p_e = 1, kappa = 0/0.
    result = agreement([(3, 3)] * 6, 5)
    assert (result.n, result.exact, result.within_one, result.mean_gap) == (6, 1.0, 1.0, 0.0)
    assert (result.kappa.value, result.kappa.se, result.kappa.low, result.kappa.high) == (
        1.0,
        None,
        None,
        None,
    )
    assert result.reason == ALL_SAME
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn warns about the 0/0 and returns nan
        undefined = cohen_kappa_score([3] * 6, [3] * 6, weights="quadratic", labels=[1, 2, 3, 4, 5])
    assert np.isnan(undefined)


def test_one_side_using_a_single_level_gives_kappa_zero() -> None:
    # National always 3; alliance 2, 3, 4: p_o = p_e, so kappa = 0 whatever the alliance does.
    pairs = [(3, 2), (3, 3), (3, 4), (3, 3)]
    result = agreement(pairs, 5)
    assert result.kappa.value == pytest.approx(0.0, abs=1e-12)
    assert result.kappa.reason == ONE_LEVEL
    assert result.kappa.se is not None
    assert cohen_kappa_score(
        [a for a, _ in pairs], [b for _, b in pairs], weights="quadratic", labels=[1, 2, 3, 4, 5]
    ) == pytest.approx(0.0, abs=1e-12)


def test_a_single_pair_that_differs() -> None:
    result = agreement([(5, 1)], 5)
    assert (result.n, result.exact, result.within_one, result.mean_gap) == (1, 0.0, 0.0, 4.0)
    assert result.kappa.value == pytest.approx(0.0)


def test_perfect_agreement_on_several_levels_has_kappa_one_and_zero_error() -> None:
    result = agreement([(1, 1), (2, 2), (5, 5), (4, 4)], 5)
    assert result.kappa.value == pytest.approx(1.0)
    assert result.kappa.se == pytest.approx(0.0, abs=1e-9)
    assert (result.kappa.low, result.kappa.high) == (pytest.approx(1.0), 1.0)


def test_levels_outside_the_scale_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"outside 1\.\.5"):
        agreement([(6, 1)], 5)


@dataclass(frozen=True)
class Row:
    key: str
    chapter: str
    year: int
    national: int | None
    alliance: int | None
    levels: int = 5


ROWS = [
    Row("1.1", "1", 2015, 4, 4),
    Row("1.2", "1", 2015, 5, 2),
    Row("2.1", "2", 2015, 1, 3),
    Row("2.2", "2", 2015, 3, None),
    Row("1.1", "1", 2016, 4, 4),
    Row("1.2", "1", 2016, 2, 4),
    Row("2.1", "2", 2016, 3, 3),
]


def test_divergences_are_the_pairs_two_or_more_levels_apart_largest_first() -> None:
    found = divergences(ROWS)
    assert [(r.key, r.year, r.national, r.alliance) for r in found] == [
        ("1.2", 2015, 5, 2),
        ("2.1", 2015, 1, 3),
        ("1.2", 2016, 2, 4),
    ]
    assert divergences(ROWS, threshold=3) == [ROWS[1]]


def test_grouped_agreement_by_chapter_and_by_year() -> None:
    by_chapter = agreement_by(ROWS, key=lambda r: r.chapter)
    assert list(by_chapter) == ["1", "2"]
    assert (by_chapter["1"].n, by_chapter["1"].exact) == (4, 0.5)
    assert (by_chapter["2"].n, by_chapter["2"].exact) == (2, 0.5)
    by_year = agreement_by(ROWS, key=lambda r: r.year)
    assert by_year[2015].mean_gap == pytest.approx((0 + 3 - 2) / 3)
    assert by_year[2016].mean_gap == pytest.approx((0 - 2 + 0) / 3)
    assert by_year[2016].kappa.value == pytest.approx(
        cohen_kappa_score([4, 2, 3], [4, 4, 3], weights="quadratic", labels=[1, 2, 3, 4, 5])
    )


def test_mean_absolute_gap_per_cell_counts_only_complete_pairs() -> None:
    cells = mean_abs_gap_by(ROWS, key=lambda r: (r.chapter, r.year))
    assert cells == {
        ("1", 2015): (1.5, 2),
        ("2", 2015): (2.0, 1),
        ("1", 2016): (1.0, 2),
        ("2", 2016): (0.0, 1),
    }
    assert mean_abs_gap_by([Row("x", "9", 2017, 3, None)], key=lambda r: r.chapter) == {
        "9": (None, 0)
    }


def test_the_module_is_pure() -> None:
    source = Path(analytics.__file__).read_text(encoding="utf-8")
    assert "django" not in source
    assert "models" not in source.replace("modelling", "")
