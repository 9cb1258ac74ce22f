from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events run the PRIME way: propose, approve, invite, hold, report; calendar and feeds."""

    name = "partnerdesk.events"
    label = "events"
    verbose_name = "Events"
