from django.apps import AppConfig


class DialogueConfig(AppConfig):
    """Political dialogue: meetings and visits, participants, topics, follow-ups, briefings."""

    name = "partnerdesk.dialogue"
    label = "dialogue"
    verbose_name = "Political dialogue"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.dialogue.selectors import followup_list, meeting_list, timeline_entries

        register_nav(NavItem("Dialogue", "dialogue:list", "dialogue", order=85))
        register_card(
            Card(
                title="Meetings and visits",
                url_name="dialogue:list",
                description="Political dialogue with partners: meetings, visits, participants.",
                count=lambda user, nation_id: meeting_list(user, nation_id=nation_id).count(),
            )
        )
        register_card(
            Card(
                title="Open follow-ups",
                url_name="dialogue:followups",
                description="Commitments taken in meetings that are still open or in progress.",
                count=lambda user, nation_id: (
                    followup_list(user, nation_id=nation_id)
                    .filter(status__in=["OPEN", "IN_PROGRESS"])
                    .count()
                ),
            )
        )
        register_timeline("dialogue", "Political dialogue", timeline_entries)
