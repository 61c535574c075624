"""The book summarised in Markdown: clients by tier, projects by stage, open tasks."""

from __future__ import annotations

from collections import Counter
from datetime import date

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, Stage, Tier
from acct_tui.domain.money import money
from acct_tui.domain.records import Task
from acct_tui.exchange.markdown import escape, long_date, name, table, table_or_none

_PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def _open_task_order(task: Task) -> tuple[date, int, int]:
    return (task.due or date.max, _PRIORITY_ORDER[task.priority], task.id)


def summary(book: Book, today: date) -> str:
    """The Markdown summary of `book` on `today`."""
    labels = book.settings.stages
    open_tasks = sorted((t for t in book.tasks.values() if t.is_open), key=_open_task_order)
    open_per_client = Counter(t.client_id for t in open_tasks)
    overdue = sum(1 for t in open_tasks if t.due is not None and t.due < today)
    open_projects = sum(1 for p in book.projects.values() if p.stage.is_open)
    lines = [
        f"# Book summary, {long_date(today)}",
        "",
        f"{len(book.clients)} clients, {len(book.projects)} projects ({open_projects} open), "
        f"{len(open_tasks)} open tasks ({overdue} overdue).",
        "",
        "## Clients by tier",
    ]
    for tier in Tier:
        clients = sorted((c for c in book.clients.values() if c.tier is tier), key=lambda c: (c.name.casefold(), c.id))
        if not clients:
            continue
        rows = [
            [
                c.name,
                c.status.value,
                money(c.contract_value, c.currency, exact=True),
                c.renewal_date.isoformat() if c.renewal_date else "",
                str(open_per_client.get(c.id, 0)),
            ]
            for c in clients
        ]
        lines += ["", f"### {tier.value.capitalize()} ({len(clients)})", ""]
        lines += table(["Client", "Status", "Contract value", "Renewal", "Open tasks"], rows, right=(2, 4))
    lines += ["", "## Projects by stage"]
    for stage in Stage:
        projects = sorted(
            (p for p in book.projects.values() if p.stage is stage), key=lambda p: (p.title.casefold(), p.id)
        )
        if not projects:
            continue
        rows = []
        for p in projects:
            client = book.clients[p.client_id]
            since = p.entered(stage)
            rows.append(
                [p.title, client.name, money(p.value, client.currency, exact=True), since.isoformat() if since else ""]
            )
        lines += ["", f"### {escape(labels.label(stage))} ({len(projects)})", ""]
        lines += table(["Project", "Client", "Value", "In stage since"], rows, right=(2,))
    lines += ["", f"## Open tasks ({len(open_tasks)})", ""]
    rows = []
    for t in open_tasks:
        late = " (overdue)" if t.due is not None and t.due < today else ""
        rows.append(
            [
                (t.due.isoformat() + late) if t.due else "",
                t.title,
                name(book, "clients", t.client_id),
                name(book, "projects", t.project_id),
                t.priority.value,
                t.status.value,
                name(book, "staff", t.assignee_id),
            ]
        )
    lines += table_or_none(["Due", "Task", "Client", "Project", "Priority", "Status", "Delegated to"], rows)
    return "\n".join(lines) + "\n"
