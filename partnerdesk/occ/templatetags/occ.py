"""Template helpers of the OCC pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnerdesk.occ.selectors import STATUS_LABELS, UnitState, occunit_state

register = template.Library()

BADGE_CLASSES: dict[str, str] = {
    "COMBAT_READY": "badge badge-verified",
    "REVALIDATION_DUE": "badge badge-single",
    "LAPSED": "badge badge-single",
    "REMEDIAL_PLAN_OPEN": "badge badge-single",
}


@register.simple_tag
def unit_state(unit: Any) -> UnitState:
    """The derived state today of a unit loaded by an OCC selector (uses its prefetches)."""
    return occunit_state(unit, today=timezone.localdate())


@register.simple_tag
def status_badge(status: str) -> SafeString:
    """A unit status as a badge: green when Combat Ready, amber when it needs attention."""
    return format_html(
        '<span class="{}">{}</span>', BADGE_CLASSES.get(status, "pill"), STATUS_LABELS[status]
    )
