from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo dataset and demo accounts loaded by `make run`."""

    name = "partnerdesk.demo"
    label = "demo"
    verbose_name = "Demo data"
