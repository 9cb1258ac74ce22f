from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Actors (states, international organisations, NATO bodies, national agencies)."""

    name = "partnerdesk.organisations"
    label = "organisations"
    verbose_name = "Organisations"
