from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Who takes part in events: nominations, waitlist, attendance, feedback and counts."""

    name = "partnerdesk.participation"
    label = "participation"
    verbose_name = "Participation"
