from django.apps import AppConfig

# Record pages that show their evidence (the pages that render `panels_for`).
EVIDENCE_PAGES = (
    "plans.plan",
    "plans.objective",
    "parp.goal",
    "parp.cycle",
    "events.event",
    "dialogue.meeting",
    "operations.contribution",
)


class EvidenceConfig(AppConfig):
    """News and interview documents, their source-linked facts, review into records, search."""

    name = "partnerdesk.evidence"
    label = "evidence"
    verbose_name = "Evidence"

    def ready(self) -> None:
        from partnerdesk.core.timeline import register_timeline
        from partnerdesk.core.web.registry import (
            Card,
            NavItem,
            Panel,
            register_card,
            register_nav,
            register_panel,
        )
        from partnerdesk.evidence.selectors import evidence_panel, proposed_count, timeline_entries

        register_nav(NavItem("Evidence", "evidence:list", "evidence", order=90))
        register_card(
            Card(
                title="Evidence: facts awaiting review",
                url_name="evidence:list",
                description="Facts extracted from news and interviews that no one has reviewed.",
                count=proposed_count,
            )
        )
        for page in EVIDENCE_PAGES:
            register_panel(Panel(page, "evidence/_evidence_panel.html", evidence_panel))
        register_timeline("evidence", "Press and interviews", timeline_entries)
