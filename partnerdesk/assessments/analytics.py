"""Agreement between the national and the alliance ratings: pure functions, no database.

Input is paired ordinal ratings on a scale of k levels (1 … k): for each objective the
national level and the alliance level. Pairs where either side is missing are left out (the
statistics describe the objectives both sides rated); with no complete pair every value is
None and `reason` says why — nothing here raises for missing data.

Statistics (all on the n complete pairs):

* exact agreement — share of pairs with the same level;
* agreement within one level — share with |national - alliance| ≤ 1;
* mean signed gap — mean of (national - alliance): positive when the national experts rate
  higher; mean absolute gap — mean of |national - alliance|;
* quadratic-weighted Cohen's kappa with a 95 % confidence interval (see `weighted_kappa`);
* divergences — objectives whose levels differ by `DIVERGENCE_GAP` (2) or more.

Edge cases, handled explicitly:

* n = 0 (one side missing everywhere): every statistic None, reason "No objective …".
* Both sides used one and the same level for every objective: the expected disagreement is 0,
  so kappa is undefined (0/0). We report kappa = 1.0 (observed agreement is perfect) with no
  confidence interval and a reason; if the observed agreement were not perfect we would report
  None (this cannot happen with exact arithmetic, but is guarded against rounding).
* One side used a single level (the other varied): kappa is exactly 0 — agreement cannot beat
  chance when one rater does not discriminate — and the reason says so.
* Rounds with different scales pooled together (across years) are computed on the largest
  scale of the group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from partnerdesk.assessments.choices import DIVERGENCE_GAP

Z_95 = 1.959963984540054  # the 0.975 quantile of the standard normal distribution
_EPS = 1e-12

NO_PAIRS = "No objective was rated by both sides."
ALL_SAME = (
    "Both sides gave every objective the same single level: kappa is undefined because the "
    "expected disagreement is zero; shown as 1.0 because the observed agreement is perfect."
)
ALL_SAME_IMPERFECT = (
    "The expected disagreement is zero but the observed agreement is not perfect: kappa is "
    "undefined."
)
ONE_LEVEL = (
    "One side used a single level for every objective, so agreement cannot exceed chance: "
    "kappa is 0 by construction."
)


class Paired(Protocol):
    """Anything carrying a national and an alliance level (None when not rated or not shown)."""

    @property
    def national(self) -> int | None: ...

    @property
    def alliance(self) -> int | None: ...


class LeveledPair(Paired, Protocol):
    """A pair that also knows the number of levels of its scale."""

    @property
    def levels(self) -> int: ...


P = TypeVar("P", bound=Paired)
L = TypeVar("L", bound=LeveledPair)
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Kappa:
    """A weighted kappa, its large-sample standard error and 95 % interval (None if undefined)."""

    value: float | None
    se: float | None
    low: float | None
    high: float | None
    reason: str = ""


@dataclass(frozen=True)
class Agreement:
    """Agreement statistics of n complete pairs (see the module docstring)."""

    n: int
    exact: float | None
    within_one: float | None
    mean_gap: float | None
    mean_abs_gap: float | None
    kappa: Kappa

    @property
    def reason(self) -> str:
        return NO_PAIRS if self.n == 0 else self.kappa.reason


def complete_pairs(pairs: Iterable[tuple[int | None, int | None]]) -> list[tuple[int, int]]:
    """The pairs where both sides gave a level."""
    return [(a, b) for a, b in pairs if a is not None and b is not None]


def _check(pairs: Sequence[tuple[int, int]], levels: int) -> None:
    if levels < 2:
        raise ValueError("A scale needs at least two levels.")
    for a, b in pairs:
        if not (1 <= a <= levels and 1 <= b <= levels):
            raise ValueError(f"Level outside 1..{levels}: {(a, b)!r}")


def quadratic_weights(levels: int) -> list[list[float]]:
    """Agreement weights w_ij = 1 - (i - j)² / (k - 1)² for levels i, j = 1 … k (0-based here)."""
    span = (levels - 1) ** 2
    return [[1.0 - ((i - j) ** 2) / span for j in range(levels)] for i in range(levels)]


def weighted_kappa(pairs: Sequence[tuple[int, int]], levels: int) -> Kappa:
    """Quadratic-weighted Cohen's kappa with the Fleiss, Cohen & Everitt (1969) standard error.

    With p_ij the share of pairs rated i by the national side and j by the alliance side,
    p_i. and p_.j the two sides' marginal shares, and agreement weights
    w_ij = 1 - (i - j)² / (k - 1)²:

        p_o = Σ_ij w_ij p_ij                    (weighted observed agreement)
        p_e = Σ_ij w_ij p_i. p_.j               (weighted agreement expected by chance)
        κ_w = (p_o - p_e) / (1 - p_e)

    Large-sample variance (Fleiss, Cohen & Everitt 1969, "Large sample standard errors of kappa
    and weighted kappa", Psychological Bulletin 72(5), 323–327), for the non-null case:

        w̄_i. = Σ_j p_.j w_ij        w̄_.j = Σ_i p_i. w_ij
        Var(κ_w) = [ Σ_ij p_ij (w_ij - (w̄_i. + w̄_.j)(1 - κ_w))² - (κ_w - p_e (1 - κ_w))² ]
                   / ( n (1 - p_e)² )

    SE = √Var (a tiny negative variance from rounding counts as 0) and the 95 % interval is
    κ_w ± 1.959964 · SE, clipped to [-1, 1]. Undefined cases are described in the module
    docstring. Quadratic weights make κ_w the same as with disagreement weights (i - j)², as
    scikit-learn's `cohen_kappa_score(weights="quadratic")` uses.
    """
    _check(pairs, levels)
    n = len(pairs)
    if n == 0:
        return Kappa(None, None, None, None, NO_PAIRS)
    weights = quadratic_weights(levels)
    joint = [[0.0] * levels for _ in range(levels)]
    for a, b in pairs:
        joint[a - 1][b - 1] += 1.0 / n
    rows = [sum(joint[i]) for i in range(levels)]
    cols = [sum(joint[i][j] for i in range(levels)) for j in range(levels)]
    observed = sum(weights[i][j] * joint[i][j] for i in range(levels) for j in range(levels))
    expected = sum(weights[i][j] * rows[i] * cols[j] for i in range(levels) for j in range(levels))
    if 1.0 - expected <= _EPS:
        if observed >= 1.0 - _EPS:
            return Kappa(1.0, None, None, None, ALL_SAME)
        return Kappa(None, None, None, None, ALL_SAME_IMPERFECT)
    kappa = (observed - expected) / (1.0 - expected)
    row_bar = [sum(cols[j] * weights[i][j] for j in range(levels)) for i in range(levels)]
    col_bar = [sum(rows[i] * weights[i][j] for i in range(levels)) for j in range(levels)]
    spread = sum(
        joint[i][j] * (weights[i][j] - (row_bar[i] + col_bar[j]) * (1.0 - kappa)) ** 2
        for i in range(levels)
        for j in range(levels)
    )
    variance = (spread - (kappa - expected * (1.0 - kappa)) ** 2) / (n * (1.0 - expected) ** 2)
    se = math.sqrt(max(variance, 0.0))
    low = max(-1.0, kappa - Z_95 * se)
    high = min(1.0, kappa + Z_95 * se)
    one_level = sum(1 for x in rows if x > 0) == 1 or sum(1 for x in cols if x > 0) == 1
    return Kappa(kappa, se, low, high, ONE_LEVEL if one_level else "")


def agreement(pairs: Iterable[tuple[int | None, int | None]], levels: int) -> Agreement:
    """All agreement statistics of the complete pairs on a scale of `levels` levels."""
    complete = complete_pairs(pairs)
    _check(complete, levels)
    n = len(complete)
    if n == 0:
        return Agreement(0, None, None, None, None, Kappa(None, None, None, None, NO_PAIRS))
    gaps = [a - b for a, b in complete]
    return Agreement(
        n=n,
        exact=sum(1 for g in gaps if g == 0) / n,
        within_one=sum(1 for g in gaps if abs(g) <= 1) / n,
        mean_gap=sum(gaps) / n,
        mean_abs_gap=sum(abs(g) for g in gaps) / n,
        kappa=weighted_kappa(complete, levels),
    )


def agreement_of(items: Iterable[Paired], levels: int) -> Agreement:
    """`agreement` of objects with `national` and `alliance` levels."""
    return agreement(((item.national, item.alliance) for item in items), levels)


def divergences(items: Iterable[P], threshold: int = DIVERGENCE_GAP) -> list[P]:
    """Items both sides rated whose levels differ by `threshold` or more, largest gap first."""
    found = [
        item
        for item in items
        if item.national is not None
        and item.alliance is not None
        and abs(item.national - item.alliance) >= threshold
    ]
    return sorted(found, key=lambda item: -abs((item.national or 0) - (item.alliance or 0)))


def agreement_by(items: Iterable[L], key: Callable[[L], K]) -> dict[K, Agreement]:
    """Agreement per group (per chapter, per year, per plan…), groups in order of first item.

    Each group is computed on the largest scale among its items.
    """
    groups: dict[K, list[L]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {
        name: agreement_of(members, max(member.levels for member in members))
        for name, members in groups.items()
    }


def mean_abs_gap_by(items: Iterable[P], key: Callable[[P], K]) -> dict[K, tuple[float | None, int]]:
    """Mean absolute gap and number of complete pairs per group (None when a group has none)."""
    sums: dict[K, list[int]] = {}
    for item in items:
        bucket = sums.setdefault(key(item), [])
        if item.national is not None and item.alliance is not None:
            bucket.append(abs(item.national - item.alliance))
    return {name: ((sum(v) / len(v)) if v else None, len(v)) for name, v in sums.items()}
