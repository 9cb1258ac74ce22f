from django.apps import AppConfig


class EntryDocsConfig(AppConfig):
    """Partnership for Peace entry documents: Framework Document, Presentation Document, IPP."""

    name = "partnerdesk.entrydocs"
    label = "entrydocs"
    verbose_name = "PfP entry documents"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import Card, NavItem, register_card, register_nav
        from partnerdesk.entrydocs.selectors import entrydoc_list, timeline_entries

        register_nav(NavItem("Entry documents", "entrydocs:list", "entrydocs", order=10))
        register_card(
            Card(
                title="PfP entry documents",
                url_name="entrydocs:list",
                description="Framework Documents, Presentation Documents and IPPs.",
                count=lambda user, nation_id: entrydoc_list(user, nation_id=nation_id).count(),
            )
        )
        register_timeline("entrydocs", "PfP entry documents", timeline_entries)
