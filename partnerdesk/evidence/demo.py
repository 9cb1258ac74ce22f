"""Demo documents of the evidence app: short synthetic articles about Azerbaijan and NATO.

The articles are written in the project's own words (never copied from an outlet); they
restate public facts of the demo timeline (domain.md §5) in the shape of press items — a
dateline, a headline, a few sentences — so that the review page has facts to work on after
`partnerdesk setup`. They are ingested as PUBLIC documents about Azerbaijan, graded F6
(reliability cannot be judged: they are our own illustrations), with their facts proposed.
`load_demo` is idempotent: the same bytes are one document.
"""

from __future__ import annotations

from partnerdesk.core.actor import Actor
from partnerdesk.core.markings import Marking
from partnerdesk.evidence.services import BatchInput, documents_ingest
from partnerdesk.organisations.models import Organisation

ARTICLES: tuple[tuple[str, str], ...] = (
    (
        "demo/mission-head-interview-2016.txt",
        "Head of mission: Azerbaijan took part in about 200 NATO events last year\n"
        "30 June 2016\n"
        "Azerbaijan took part in close to 200 NATO events in 2015 under its IPCP, the head of "
        "the country's mission to NATO said in an interview. Azerbaijan has 94 servicemen in "
        "the Resolute Support Mission, where they help secure Kabul airport together with "
        "Turkish forces. Ten Azerbaijani officers now serve in posts at NATO headquarters.\n",
    ),
    (
        "demo/ipap-review-2016.txt",
        "Allies review Azerbaijan's partnership plan\n"
        "18 November 2016\n"
        "Allies reviewed how Azerbaijan implemented its IPAP, the NATO press office said. The "
        "fourth stage of the IPAP covered 2015-2016, and a new plan is still to be drafted. Of "
        "the 41 Partnership Goals agreed with Azerbaijan, 27 concern the armed forces.\n",
    ),
    (
        "demo/rsm-increase-2018.txt",
        "Azerbaijan enlarges its Afghanistan contingent\n"
        "9 January 2018\n"
        "Azerbaijan raised its contingent in the Resolute Support Mission from 94 to 120 "
        "servicemen this week, including six officers and two doctors, the defence ministry "
        "announced.\n",
    ),
    (
        "demo/sg-visit-2024.txt",
        "NATO Secretary General in Baku\n"
        "20 March 2024\n"
        "NATO Secretary General Jens Stoltenberg visited Baku on 17 March and met President "
        "Ilham Aliyev to discuss the partnership. No new IPAP has been agreed since the ITPP "
        "became the main framework of cooperation.\n",
    ),
)


def load_demo(*, actor: Actor) -> int:
    """Ingest the demo articles that are not stored yet; return how many were stored."""
    nation = Organisation.objects.filter(code="AZE").first()
    if nation is None:
        return 0
    outcomes = documents_ingest(
        actor=actor,
        inputs=[BatchInput(text.encode("utf-8"), name) for name, text in ARTICLES],
        owner=nation,
        marking=Marking.PUBLIC,
    )
    return sum(1 for outcome in outcomes if outcome.created)
