"""The `partnerdesk` console script: Django's command runner with partnerdesk's own help."""

from __future__ import annotations

import os
import sys

COMMANDS: dict[str, str] = {
    "setup": "Migrate the database and load reference and demo data (idempotent).",
    "serve": "Serve the web UI and API (gunicorn) on --host/--port.",
    "demo": "Load the demo dataset and demo accounts; --summary prints row counts.",
    "loadreference": "Load organisations, memberships and sources from the project's data files.",
    "createuser": "Create a user with a role and an organisation.",
    "deactivateuser": "Deactivate a user (users are never deleted).",
    "token": "Print a new API token for a user.",
    "revoketoken": "Revoke a user's API token by its prefix.",
    "organisations": "List organisations; --member-of NATO --on 2016-06-30 lists the members then.",
    "entrydocs": "List, show, create, update, delete PfP entry documents and show their history.",
    "plans": "IPAP/IPCP/ITPP/ANP plans: list, show, create, transition, compare, import.",
    "assessments": "Assessment rounds: list, show, open, rate, submit, close, analytics, export.",
    "parp": "PARP cycles, Partnership Goals (import/export) and the goal series.",
    "occ": "OCC units, evaluations and due re-validations (units, evaluations add, due).",
    "pcm": "Cooperation Menu: catalogues, activities, import/export, carry-over, lines.",
    "events": "Events: list, show, create, transition, invite, answer, remind, report, feeds.",
    "participation": "Nominate, approve, reject, cancel, check in, feedback; counts per nation.",
    "operations": "Operations contributions: list, show, add, update, delete, series, missions.",
    "dialogue": "Political dialogue: meetings, participants, follow-up ledger and briefings.",
    "staffing": "Staff postings (PSE/PSP/VNC) and headcounts on a date or over time.",
    "trustfunds": "Trust-fund projects: phases, contributions, agreements, KPIs, totals.",
    "timeline": "A nation's timeline across mechanisms (show, CSV/JSON) and its milestones.",
    "extract": "Clean text and facts of documents (files, dirs, - for stdin); no database.",
    "ingest": "Store documents and their facts (--nation, --marking, --grading).",
    "evidence": "Evidence: documents, show, facts, review FACT --accept|--reject|--edit, search.",
    "evaluate-extraction": "Score extraction on the gold set (P/R/F1 per field, baselines).",
    "backup": "Back up the database (SQLite backup API / pg_dump) with table checksums.",
    "restore": "Restore a backup (--yes replaces existing data); verify every table's checksum.",
    "changes": "List the change log as a user may see it.",
    "migrate": "Apply database migrations (Django).",
    "check": "Check the installation for problems (Django).",
}


def usage() -> str:
    """The help text listing every partnerdesk command."""
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: partnerdesk COMMAND [options]   (partnerdesk COMMAND --help for its options)",
        "",
        "commands:",
        *(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()),
        "",
        "Settings: DATABASE_URL (default sqlite under var/), DJANGO_SETTINGS_MODULE "
        "(default config.settings.local).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run a partnerdesk command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["partnerdesk", *args])


if __name__ == "__main__":
    main()
