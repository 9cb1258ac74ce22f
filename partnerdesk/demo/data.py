"""The demo dataset: sourced facts from the design brief (domain.md §3.1, §5, §6).

Every value here cites a source key from organisations/data/sources.json; values that are our
own illustrative design cite the ILLUSTRATIVE source instead and say so.
"""

from __future__ import annotations

from typing import Any

from partnerdesk.core.roles import Role

ILLUSTRATIVE_SOURCE: dict[str, Any] = {
    "key": "DEMO",
    "title": "partnerdesk demo data — illustrative values designed by the partnerdesk team",
    "publisher": "partnerdesk",
    "confidence": "ILLUSTRATIVE",
    "note": "Values citing this source are not facts; they exist to show how the system works.",
}

# (username, role, organisation code, all_nations, assigned nation codes)
DEMO_ACCOUNTS: list[tuple[str, str, str, bool, tuple[str, ...]]] = [
    ("aze.coordinator", Role.PARTNER_COORDINATOR, "AZE-MFA", False, ()),
    ("aze.assessor", Role.PARTNER_ASSESSOR, "AZE-MOD", False, ()),
    ("aze.viewer", Role.PARTNER_VIEWER, "AZE", False, ()),
    ("geo.coordinator", Role.PARTNER_COORDINATOR, "GEO-MFA", False, ()),
    ("geo.assessor", Role.PARTNER_ASSESSOR, "GEO-MOD", False, ()),
    ("geo.viewer", Role.PARTNER_VIEWER, "GEO", False, ()),
    ("arm.coordinator", Role.PARTNER_COORDINATOR, "ARM", False, ()),
    ("mda.coordinator", Role.PARTNER_COORDINATOR, "MDA", False, ()),
    ("nato.staff", Role.ALLIANCE_STAFF, "NATO-IS", True, ()),
    ("nato.desk.caucasus", Role.ALLIANCE_STAFF, "NATO-IS", False, ("AZE", "GEO", "ARM")),
    ("nato.assessor", Role.ALLIANCE_ASSESSOR, "NATO-IS", False, ()),
    ("nato.analyst", Role.ANALYST, "NATO-IS", False, ()),
    ("admin", Role.ADMINISTRATOR, "NATO-IS", False, ()),
]

# Entry documents: (nation, doc_type, edition, values, source keys)
ENTRY_DOCUMENTS: list[dict[str, Any]] = [
    {
        "nation": "AZE",
        "doc_type": "FRAMEWORK_DOCUMENT",
        "edition": 1,
        "marking": "PUBLIC",
        "title": "Partnership for Peace Framework Document — Azerbaijan",
        "signed_on": "1994-05-04",
        "signatory_name": "Heydar Aliyev",
        "signatory_title": "President of the Republic of Azerbaijan",
        "summary": "Signed at NATO Headquarters during the President's visit: "
        "Azerbaijan joins PfP.",
        "sources": ["S67", "S68", "S128"],
    },
    {
        "nation": "AZE",
        "doc_type": "PRESENTATION_DOCUMENT",
        "edition": 1,
        "marking": "PARTNERS",
        "title": "PfP Presentation Document — Azerbaijan",
        "signed_on": "1996-04-19",
        "signatory_name": "Heydar Aliyev",
        "signatory_title": "President of the Republic of Azerbaijan",
        "submitted_on": "1996-04-23",
        "received_by": "Javier Solana, NATO Secretary General",
        "approved_on": "1996-04-19",
        "approval_body": "PARTNER",
        "approval_method": "SIGNATURE",
        "summary": "Approved by the President on 19 April and handed to the Secretary General on "
        "23 April 1996: the goals, areas and assets Azerbaijan offers for PfP.",
        "sources": ["S69"],
    },
    {
        "nation": "AZE",
        "doc_type": "IPP",
        "edition": 1,
        "marking": "BILATERAL",
        "title": "First Individual Partnership Programme — Azerbaijan",
        "approved_on": "1996-10-14",
        "approval_body": "NAC",
        "approval_method": "MEETING",
        "summary": "The first IPP, derived from the Presentation Document, confirmed by the North "
        "Atlantic Council.",
        "sources": ["S69"],
    },
    {
        "nation": "GEO",
        "doc_type": "FRAMEWORK_DOCUMENT",
        "edition": 1,
        "marking": "PUBLIC",
        "title": "Partnership for Peace Framework Document — Georgia",
        "signed_on": "1994-03-23",
        "summary": "Georgia joins the Partnership for Peace.",
        "sources": ["S94"],
    },
    {
        "nation": "GEO",
        "doc_type": "PRESENTATION_DOCUMENT",
        "edition": 1,
        "marking": "NATIONAL_ONLY",
        "title": "Presentation Document — Georgia (internal working annex)",
        "summary": "Illustrative record: a nation's internal annex, visible to Georgia only. "
        "The values are designed by the partnerdesk team, not sourced facts.",
        "sources": ["DEMO"],
    },
    {
        "nation": "AZE",
        "doc_type": "IPP",
        "edition": 2,
        "marking": "ALLIANCE_ONLY",
        "title": "IPP 1997 — alliance staff review notes (illustrative)",
        "summary": "Illustrative record marked ALLIANCE ONLY: alliance staff see it, Azerbaijan "
        "does not. The values are designed by the partnerdesk team, not sourced facts.",
        "sources": ["DEMO"],
    },
]
