from django.apps import AppConfig


class TimelineConfig(AppConfig):
    """One chronology of a nation's relationship across every mechanism, plus milestones."""

    name = "partnerdesk.timeline"
    label = "timeline"
    verbose_name = "Timeline"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.timeline.selectors import milestone_entries, milestone_list

        register_nav(NavItem("Timeline", "timeline:view", "timeline", order=90))
        register_card(
            Card(
                title="Timeline",
                url_name="timeline:view",
                description="Every dated record of a nation across all mechanisms, with sources.",
                count=lambda user, nation_id: milestone_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("milestones", "Milestones", milestone_entries)
