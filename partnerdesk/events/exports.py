"""iCalendar (RFC 5545) output of events, for the secret calendar feeds.

One VCALENDAR with PRODID and VERSION; one VEVENT per event with a stable UID
(`event-<pk>@partnerdesk`), all-day DTSTART/DTEND (DTEND exclusive: the day after the end
date), SUMMARY, LOCATION, DESCRIPTION (area, format, state, host), STATUS, LAST-MODIFIED and
the URL of the event page. The caller passes events already restricted to the feed's user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar
from icalendar import Event as VEvent

from partnerdesk.events.choices import EventState
from partnerdesk.events.models import Event

PRODID = "-//partnerdesk//Events//EN"
TENTATIVE = frozenset({EventState.DRAFT, EventState.PROPOSED})


def event_uid(event: Event) -> str:
    """The UID a calendar keeps for `event` across fetches."""
    return f"event-{event.pk}@partnerdesk"


def event_status(event: Event) -> str:
    """CANCELLED for cancelled events, TENTATIVE while not yet approved, else CONFIRMED."""
    if event.state == EventState.CANCELLED:
        return "CANCELLED"
    if event.state in TENTATIVE:
        return "TENTATIVE"
    return "CONFIRMED"


def events_ical(events: Iterable[Event], *, name: str, base_url: str) -> bytes:
    """The events as one iCalendar document; `base_url` (scheme and host) prefixes the links."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        item = VEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", event.updated_at.astimezone(dt.UTC))
        item.add("dtstart", event.start_date)
        item.add("dtend", event.end_date + dt.timedelta(days=1))
        item.add("summary", event.title)
        item.add("location", event.location)
        item.add(
            "description",
            "\n".join(
                [
                    f"Area: {event.get_area_display()}",
                    f"Format: {event.get_format_display()}",
                    f"State: {event.get_state_display()}",
                    f"Host: {event.host.name}",
                    f"Organiser: {event.owner.name}",
                ]
            ),
        )
        item.add("status", event_status(event))
        item.add("last-modified", event.updated_at.astimezone(dt.UTC))
        item.add("url", f"{base_url}{event.get_absolute_url()}")
        calendar.add_component(item)
    return bytes(calendar.to_ical())
