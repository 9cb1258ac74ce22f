from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Annual dual assessment rounds of plan objectives, with agreement analytics."""

    name = "partnerdesk.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from partnerdesk.assessments.selectors import round_list
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav

        register_nav(NavItem("Assessments", "assessments:list", "assessments", order=30))
        register_card(
            Card(
                title="Assessment rounds",
                url_name="assessments:list",
                description="Annual national and alliance ratings of plan objectives, "
                "blind until both sides submit.",
                count=lambda user, nation_id: round_list(user, nation_id=nation_id).count(),
            )
        )
