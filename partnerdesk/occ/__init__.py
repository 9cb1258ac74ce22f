"""OCC E&F — Operational Capabilities Concept evaluation and feedback.

A partner declares a unit to the pool of forces; the unit goes through a self-evaluation and a
NATO evaluation at two levels (SEL-1 → NEL-1 → SEL-2 → NEL-2). A passed NEL-2 earns a Combat
Ready certificate valid three years, re-validated by a re-evaluation. The unit's state is
derived, never stored (`selectors.derive_unit_state`).

The order rule (enforced by `services.evaluation_record` / `evaluation_update` /
`evaluation_delete`; only PASSED evaluations count):

1. Chronology: of two passed evaluations at SEL-1 < NEL-1 < SEL-2 < NEL-2, the later level may
   not be dated entirely before the earlier one. A PASSED evaluation of a level is refused when
   a PASSED evaluation of a later level is dated before it, and vice versa. Dates count at their
   precision ("2012" spans the whole year), so only certainly-out-of-order steps are refused.
2. A passed NEL-2 needs a passed NEL-1 (or re-evaluation) of the unit not dated after it.
3. A passed re-evaluation needs a passed NEL-2 (or earlier re-evaluation) of the unit.

Nothing is required before NEL-1: records often begin part-way (the Azerbaijani infantry
company's start at NEL-1 in May 2008 with no SEL-1 recorded). When the public record skips a
step that rule 2 or 3 needs (the reconnaissance company and boarding party reach NEL-2 with no
NEL-1 on record), the evaluation is recorded with `earlier_steps_unrecorded`, which waives those
rules and is shown on the unit page. A change is refused only for the breaches it introduces.

A passed NEL-2 or re-evaluation creates the Combat Ready certificate (valid from the end of the
evaluation, or the start of its period when dated only to a month or year, for three years)
and marks the unit's earlier certificates as re-validated by it — all audited.
"""
