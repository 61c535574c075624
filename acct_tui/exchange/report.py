"""The weekly report: a manager's Markdown page of one ISO week's work.

`weekly_report(book, week, today)` is pure, so the command line and the planner show the same
page. It lists what the book says happened in the week: activities by client, tasks done, stage
moves (from the projects' stage history, in the order they happened), new clients, deals won and
lost (as the prospects screen counts them: `prospects.won_on` and `lost_on`; a lost deal with its
reason), discounts given (a client's, and stacked ones), delegated work, and the load and stress
figures with their parts. A day outside the book's records (a discount approved without a date,
say) cannot be placed in a week, so it is left out rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.dates import iso_week, week_monday
from acct_tui.domain.discounts import stacked_by_client
from acct_tui.domain.money import money
from acct_tui.domain.prospects import lost_on, won_on
from acct_tui.domain.records import Activity, Client, Task
from acct_tui.domain.wording import fmt_hours, percent, plural, short_day
from acct_tui.domain.workload import assess
from acct_tui.exchange.markdown import NONE, escape, long_date, name, table_or_none


def _label(value: str) -> str:
    return value.replace("_", " ")


def _when(moment: datetime) -> str:
    return f"{short_day(moment.date())} {moment:%H:%M}"


def _day(day: date | None) -> str:
    return short_day(day) if day is not None else ""


class _Week:
    """The days of one ISO week."""

    def __init__(self, week: str) -> None:
        self.first = week_monday(week)
        self.last = self.first + timedelta(days=6)
        self.name = iso_week(self.first)

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last


def weekly_report(book: Book, week: str, today: date) -> str:
    """The Markdown report of ISO week `week` ("2026-W48"), written on `today`.

    Raises ValueError if `week` is not an ISO week.
    """
    span = _Week(week)
    activities = sorted((a for a in book.activities.values() if a.when.date() in span), key=lambda a: (a.when, a.id))
    done = sorted((t for t in book.tasks.values() if t.done_on in span), key=lambda t: (t.done_on or span.first, t.id))
    lines = [
        f"# Weekly report {span.name}",
        "",
        f"{short_day(span.first)} to {short_day(span.last)} {span.last.year}; written on {long_date(today)}.",
        "",
        "## Summary",
        "",
    ]
    moves, won, lost = _stage_moves(book, span)
    new_clients = sorted((c for c in book.clients.values() if c.created_on in span), key=_client_order)
    discounts = _discounts(book, span)
    minutes = sum(a.minutes for a in activities)
    clients = {a.client_id for a in activities}
    delegated_done = sum(1 for t in done if t.assignee_id is not None)
    lines += [
        f"- {plural(len(activities), 'activity', 'activities')} with {plural(len(clients), 'client')} "
        f"({fmt_hours(minutes / 60)} logged)",
        f"- {plural(len(done), 'task')} done ({delegated_done} of them by staff)",
        f"- {plural(len(moves), 'stage move')}: {plural(len(won), 'deal')} won, {len(lost)} lost",
        f"- {plural(len(new_clients), 'new client')}",
        f"- {plural(len(discounts), 'discount')} given",
        "",
        "## Activities by client",
    ]
    lines += _activities(book, activities)
    lines += ["", "## Tasks done", ""]
    lines += table_or_none(
        ["Done", "Task", "Client", "Project", "Done by"],
        [
            [
                _day(t.done_on),
                t.title,
                name(book, "clients", t.client_id),
                name(book, "projects", t.project_id),
                name(book, "staff", t.assignee_id) or "me",
            ]
            for t in done
        ],
    )
    lines += ["", "## Stage moves", ""]
    lines += table_or_none(["Day", "Project", "Client", "From", "To"], moves)
    lines += ["", "## New clients and deals", "", "### New clients", ""]
    lines += table_or_none(
        ["Since", "Client", "Tier", "Status"],
        [[_day(c.created_on), c.name, c.tier.value, c.status.value] for c in new_clients],
    )
    lines += ["", "### Deals won (from Prospect or Negotiation into Kickoff)", ""]
    lines += table_or_none(["Day", "Project", "Client", "Value"], won, right=(3,))
    lines += ["", "### Deals lost", ""]
    lines += table_or_none(["Day", "Project", "Client", "Value", "Why"], lost, right=(3,))
    lines += ["", "## Discounts given", ""]
    lines += table_or_none(["Client", "Discount", "Reason", "Approved by", "Approved on"], discounts, right=(1,))
    lines += ["", "## Delegated work", ""]
    lines += _delegated(book, span, done)
    lines += ["", "## Load and stress", ""]
    lines += load_and_stress(book, span.name, today)
    return "\n".join(lines) + "\n"


def _client_order(client: Client) -> tuple[str, int]:
    return (client.name.casefold(), client.id)


def _activities(book: Book, activities: list[Activity]) -> list[str]:
    if not activities:
        return ["", NONE]
    by_client: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_client[activity.client_id].append(activity)
    lines: list[str] = []
    for client in sorted((book.clients[cid] for cid in by_client), key=_client_order):
        logged = by_client[client.id]
        minutes = sum(a.minutes for a in logged)
        lines += ["", f"### {escape(client.name)} ({len(logged)}, {fmt_hours(minutes / 60)})", ""]
        lines += table_or_none(
            ["When", "Kind", "Minutes", "Summary", "Project"],
            [
                [_when(a.when), _label(a.kind.value), str(a.minutes), a.display, name(book, "projects", a.project_id)]
                for a in logged
            ],
            right=(2,),
        )
    return lines


Row = list[str]


Order = tuple[date, str, int, int]


def _in_order(rows: list[tuple[Order, Row]]) -> list[Row]:
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


def _stage_moves(book: Book, span: _Week) -> tuple[list[Row], list[Row], list[Row]]:
    """Rows of the week's stage moves, deals won and deals lost, in the order they happened (by
    day, then project; a project's moves of one day in the order of its history)."""
    labels = book.settings.stages
    moves: list[tuple[Order, Row]] = []
    won: list[tuple[Order, Row]] = []
    lost: list[tuple[Order, Row]] = []
    for project in book.projects.values():
        client = book.clients[project.client_id]
        title = project.title.casefold()
        history = project.stage_history
        for position, entry in enumerate(history):
            if entry.entered in span:
                came_from = labels.label(history[position - 1].stage) if position else "(new)"
                row = [_day(entry.entered), project.title, client.name, came_from, labels.label(entry.stage)]
                moves.append(((entry.entered, title, project.id, position), row))
        value = money(project.value, client.currency, exact=True)
        won_day, lost_day = won_on(project), lost_on(project)
        if won_day is not None and won_day in span:
            won.append(((won_day, title, project.id, 0), [_day(won_day), project.title, client.name, value]))
        if lost_day is not None and lost_day in span:
            row = [_day(lost_day), project.title, client.name, value, project.lost_reason]
            lost.append(((lost_day, title, project.id, 0), row))
    return _in_order(moves), _in_order(won), _in_order(lost)


def _discounts(book: Book, span: _Week) -> list[list[str]]:
    """Contract discounts approved, or given to a client who joined, in the week; and stacked
    discounts that started in it (each named, with its reason and the client's approval)."""
    stacked = stacked_by_client(book)
    rows = []
    for client in sorted(book.clients.values(), key=_client_order):
        approval = [client.discount_approved_by, _day(client.discount_approved_on)]
        if client.discount_pct > 0 and (client.discount_approved_on in span or client.created_on in span):
            rows.append([client.name, f"{client.discount_pct:g}%", client.discount_reason, *approval])
        started = sorted((d for d in stacked.get(client.id, ()) if d.since in span), key=lambda d: (d.since, d.id))
        rows += [[client.name, f"{d.name} {d.pct:g}%", d.reason, *approval] for d in started]
    return rows


def _delegated(book: Book, span: _Week, done: list[Task]) -> list[str]:
    """Delegated tasks done in the week, and those still open at its end."""
    still_open = sorted(
        (
            t
            for t in book.tasks.values()
            if t.assignee_id is not None
            and (t.created_on is None or t.created_on <= span.last)
            and (t.done_on is None or t.done_on > span.last)
        ),
        key=lambda t: (t.follow_up or t.due or date.max, t.id),
    )
    lines = ["### Done this week", ""]
    lines += table_or_none(
        ["Done", "Task", "Client", "Delegated to"],
        [
            [_day(t.done_on), t.title, name(book, "clients", t.client_id), name(book, "staff", t.assignee_id)]
            for t in done
            if t.assignee_id is not None
        ],
    )
    lines += ["", "### Open at the end of the week", ""]
    lines += table_or_none(
        ["Follow-up", "Due", "Task", "Client", "Delegated to", "Status"],
        [
            [
                _day(t.follow_up),
                _day(t.due),
                t.title,
                name(book, "clients", t.client_id),
                name(book, "staff", t.assignee_id),
                "open" if t.done_on is not None else t.status.value,
            ]
            for t in still_open
        ],
    )
    return lines


def load_and_stress(book: Book, week: str, today: date) -> list[str]:
    """The week's load and stress: computed with every part for the current week, the recorded
    numbers for a past one (the parts are not recorded), nothing for a week to come."""
    if week == iso_week(today):
        found = assess(book, today)
        lines = [
            f"- Capacity: {fmt_hours(found.capacity_hours_week)}",
            f"- Load: {fmt_hours(found.load_hours_week)}",
            f"- Utilisation: {percent(found.utilisation_week)}%",
            f"- Overdue own tasks: {found.overdue}",
            f"- Stress index: {found.stress.total} of 100 ({found.stress.band.value}), from its parts:",
        ]
        return lines + [
            f"  - {part.name}, {part.points} of {part.max_points} points: {escape(part.why)}"
            for part in found.stress.parts
        ]
    recorded = next((w for w in book.weeks.values() if w.week == week), None)
    if week > iso_week(today):
        return ["The week has not happened yet."]
    if recorded is None:
        return ["No figures were recorded for this week (the planner records them in the week itself)."]
    return [
        f"- Capacity: {fmt_hours(recorded.capacity_hours)}",
        f"- Load: {fmt_hours(recorded.load_hours)}",
        f"- Utilisation: {percent(recorded.utilisation)}%",
        f"- Stress index: {recorded.stress_index} of 100",
        "",
        "These are the numbers recorded in that week; the parts behind them are shown only for the current week.",
    ]
