from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Sources that any fact in partnerdesk can cite."""

    name = "partnerdesk.sources"
    label = "sources"
    verbose_name = "Sources"
