"""Template helpers used across apps."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnerdesk.core.markings import SHORT_LABELS

register = template.Library()


@register.filter
def dictget(mapping: Any, key: str) -> Any:
    """`mapping[key]`, or None when missing (for the change-log diff)."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.simple_tag
def marking(value: str) -> SafeString:
    """The marking badge shown on every record."""
    label = SHORT_LABELS.get(value, value)
    return format_html('<span class="marking marking-{}">{}</span>', value.lower(), label)


@register.simple_tag
def sort_link(
    request: Any, key: str, label: str, ordering: str, sortable: dict[str, str]
) -> SafeString:
    """A column header that sorts the list by `key` (toggling direction)."""
    if key not in sortable:
        return format_html("{}", label)
    query = request.GET.copy()
    query.pop("page", None)
    ascending = ordering != key
    query["ordering"] = key if ascending else f"-{key}"
    state = "sort-asc" if ordering == key else "sort-desc" if ordering == f"-{key}" else ""
    aria = "ascending" if ordering == key else "descending" if ordering == f"-{key}" else "none"
    return format_html(
        '<a class="sort {}" aria-sort="{}" href="?{}">{}</a>', state, aria, query.urlencode(), label
    )


@register.filter
def partial_date(value: Any, precision: str) -> str:
    """A date at its precision: "2010", "May 2008", "7 Oct 2011" (see core.dates)."""
    from partnerdesk.core.dates import format_date

    return format_date(value, precision or "DAY")
