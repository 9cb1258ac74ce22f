from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events run the PRIME way: propose, approve, invite, hold, report; calendar and feeds."""

    name = "partnerdesk.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from django.utils import timezone

        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.events.choices import TOOK_PLACE_STATES
        from partnerdesk.events.selectors import event_list, timeline_entries

        register_nav(NavItem("Events", "events:list", "events", order=70))
        register_timeline("events", "Events", timeline_entries)
        register_card(
            Card(
                title="Upcoming events",
                url_name="events:calendar",
                description="Courses, seminars and exercises you may see that have not yet "
                "taken place, on a calendar you can subscribe to.",
                count=lambda user, nation_id: (
                    event_list(user, nation_id=nation_id, date_from=timezone.localdate())
                    .exclude(state__in=[*TOOK_PLACE_STATES, "CANCELLED"])
                    .count()
                ),
            )
        )
