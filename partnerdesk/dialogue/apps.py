from django.apps import AppConfig


class DialogueConfig(AppConfig):
    """Political dialogue: meetings and visits, participants, topics, follow-ups, briefings."""

    name = "partnerdesk.dialogue"
    label = "dialogue"
    verbose_name = "Political dialogue"
