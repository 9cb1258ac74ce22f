from django.apps import AppConfig


class StaffingConfig(AppConfig):
    """Partnership staff postings (PSE/PSP) and voluntary national contributions; headcounts."""

    name = "partnerdesk.staffing"
    label = "staffing"
    verbose_name = "Staff postings"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.staffing.selectors import posting_list, timeline_entries

        register_nav(NavItem("Staff", "staffing:list", "staffing", order=80))
        register_card(
            Card(
                title="Staff postings",
                url_name="staffing:list",
                description="Partner officers in NATO bodies (PSE/PSP, VNC) and headcounts.",
                count=lambda user, nation_id: posting_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("staffing", "Staff postings", timeline_entries)
