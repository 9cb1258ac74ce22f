from django.apps import AppConfig


class PcmConfig(AppConfig):
    """The Partnership Cooperation Menu (catalogue by year) and the partners' programme lines."""

    name = "partnerdesk.pcm"
    label = "pcm"
    verbose_name = "Partnership Cooperation Menu"
