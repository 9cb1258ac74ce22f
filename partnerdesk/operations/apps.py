from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Contributions to NATO-led operations: snapshots per nation and strength over time."""

    name = "partnerdesk.operations"
    label = "operations"
    verbose_name = "Operations"
