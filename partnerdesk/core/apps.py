from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared foundations: markings, roles, permissions, audit, versioned records."""

    name = "partnerdesk.core"
    label = "core"
    verbose_name = "Core"
