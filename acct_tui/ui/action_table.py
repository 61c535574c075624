"""Every action of the planner, in one table: its binding id, default keys, description, where it
applies and when it is enabled.

The table generates the bindings of every screen, pane and widget (`bindings(place)`), the
command palette's commands (`acct_tui.ui.commands`), the help screen (`help_sections`) and the
names a keymap may use (`acct_tui.ui.keymap`). Adding a command is one entry here and the action
method on the class that runs it; tests/ui/test_action_table.py checks that every entry resolves
to a real action and that every binding comes from this table.

A place is where a key works: the app (everywhere), the main screen or one of its panes (their
actions run on the main screen), a screen of its own (its commands are offered there only), or a
widget's own keys (the lists' cursor, the form's fields: no palette command). An entry's `when`
names a true-or-false attribute of the node its action runs on: while it is false the key is
greyed in the footer, or hidden (`hide`) so the key falls through to the next binding for it
(Escape clears a filter, else shows every client again).

No Textual at module level: `acct-tui config` reads the binding ids without starting the UI.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from textual.binding import Binding, BindingType

Runs = Literal["app", "main", "pane", "screen", "widget"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a key works."""

    name: str
    """What entries call it ("clients", "detail")."""
    title: str
    """The help screen's section, and the palette's "n in Clients"."""
    node: str
    """The class whose BINDINGS these are (the test resolves it)."""
    runs: Runs
    """Where the actions run: on the app; on the main screen (a pane's bindings are prefixed
    `screen.`), from anywhere outside a dialog; on the focused pane itself (the palette's too); on
    this screen, offered there only; or on the widget itself (no palette command)."""
    within: str = ""
    """The place whose class this one's inherits, and its bindings with it (a pane's, a list screen's)."""
    focused: str = ""
    """The widget place that has the focus inside this one: its keys come first (a list's cursor)."""
    planner: bool = True
    """Part of the planner (its help screen and its keymap); False: another app (`acct-tui team`)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One action: a binding (if it has keys) and a palette command (unless `palette` is off)."""

    id: str
    """The binding id, which a keymap names: "clients.new"."""
    keys: str
    """Default keys, Textual's names, comma-separated ("e,enter"); "" for a palette command only."""
    action: str
    """The action on the node it runs on ("new_client", "move_stage(1)", "app.pop_screen")."""
    description: str
    """Short: the footer and the help screen."""
    place: str
    title: str = ""
    """The palette's name for it (default: the description); for an entry without a palette
    command, what the help screen says it does (the footer keeps the short description)."""
    help: str = ""
    """The palette's line under the title; the key is added to it."""
    palette: bool = True
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    priority: bool = False
    when: str = ""
    """An attribute of the node the action runs on: the action is enabled while it is true."""
    hide: bool = False
    """While disabled, hide the key (it falls through to the next binding) instead of greying it."""

    @property
    def name(self) -> str:
        """The action's name, without its parameters or namespace: what `check_action` is given."""
        return self.action.split("(")[0].rsplit(".", 1)[-1]

    @property
    def palette_title(self) -> str:
        return self.title or self.description


PLACES: tuple[Place, ...] = (
    Place("app", "Everywhere", "AcctApp", "app"),
    Place("main", "Main screen", "MainScreen", "main"),
    Place("pane", "Every pane", "Pane", "pane"),
    Place("filter", "Every pane", "FilterBar", "widget"),
    Place("clients", "Clients", "ClientsPane", "main", within="pane", focused="list"),
    Place("board", "Board", "BoardPane", "main", within="pane", focused="board_cursor"),
    Place("board_cursor", "Board", "StageBoard", "widget"),
    Place("today", "Today", "TodayPane", "main", within="pane", focused="list"),
    Place("workload", "Workload", "WorkloadPane", "main", within="pane"),
    Place("list", "Lists", "RecordList", "widget"),
    Place("detail", "Client detail", "ClientDetailScreen", "screen", focused="list"),
    Place("lists", "Every list screen (ledger, renewals, prospects...)", "ListScreen", "screen", focused="list"),
    Place("at_risk", "Promises at risk", "AtRiskScreen", "screen", within="lists"),
    Place("ledger", "Delegation ledger", "DelegationScreen", "screen", within="lists"),
    Place("renewals", "Renewal radar", "RenewalsScreen", "screen", within="lists"),
    Place("prospects", "Prospects", "ProspectsScreen", "screen", within="lists"),
    Place("discounts", "Discounts", "DiscountsScreen", "screen", within="lists"),
    Place("competitors", "Competitors", "CompetitorsScreen", "screen", within="lists"),
    Place("events", "Events", "EventsScreen", "screen", within="lists"),
    Place("tasks", "All tasks", "TasksScreen", "screen", within="lists"),
    Place("staff", "Staff", "StaffScreen", "screen", within="lists"),
    Place("search", "Search", "SearchScreen", "screen", focused="list"),
    Place("week", "Week view", "WeekScreen", "screen"),
    Place("settings", "Settings", "SettingsScreen", "screen", focused="list"),
    Place("form", "Forms", "FormScreen", "screen"),
    Place("confirm", "Questions", "ConfirmScreen", "screen"),
    Place("help", "Help", "HelpScreen", "screen"),
    Place("why", "Why view", "WhyScreen", "screen"),
    Place("report", "Weekly report", "ReportScreen", "screen"),
    Place("switch", "Switch book", "SwitchBookScreen", "screen"),
    Place("team", "Team roll-up (acct-tui team)", "TeamApp", "widget", planner=False),
)

E = Entry
ENTRIES: tuple[Entry, ...] = (
    # --- everywhere -------------------------------------------------------------------------
    E("app.quit", "q", "quit", "Quit", "app", help="Leave acct-tui, after the last save"),
    E("app.quit_now", "ctrl+q", "quit", "Quit", "app", palette=False, show=False, priority=True),
    E(
        "app.help",
        "question_mark",
        "help",
        "Help",
        "app",
        help="Every key",
        key_display="?",
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "palette",
        "app",
        title="Command palette: any action",
        palette=False,
        show=False,
        priority=True,
    ),
    E("app.undo", "u", "undo", "Undo", "app", help="Undo the last change", when="no_dialog", hide=True),
    E("app.save", "ctrl+s", "save", "Save now", "app", help="Write the book to disk now", show=False),
    E(
        "app.switch_book",
        "ctrl+o",
        "switch_book",
        "Switch book",
        "app",
        help="Open another book, or a recent one",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.weekly_report",
        "ctrl+r",
        "weekly_report",
        "Weekly report",
        "app",
        help="This week's work for your manager, saved as Markdown",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.sync",
        "ctrl+y",
        "sync",
        "Sync the book (git)",
        "app",
        title="Sync",
        help="Commit, fetch, merge and push the book over git (see acct-tui sync)",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.ledger",
        "D",
        "open_list('ledger')",
        "Delegation ledger",
        "app",
        help="Everyone's delegated work and its follow-ups",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.renewals",
        "R",
        "open_list('renewals')",
        "Renewal radar",
        "app",
        help="Renewals in the next 6 and 3 months, on track or at risk",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.prospects",
        "P",
        "open_list('prospects')",
        "Prospects, won and lost",
        "app",
        help="Deals in play, next meetings, win/loss by quarter",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.discounts",
        "M",
        "open_list('discounts')",
        "Discounts (money given away)",
        "app",
        title="Discounts",
        help="Every discount, the money given away a year, what needs approval",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.competitors",
        "K",
        "open_list('competitors')",
        "Competitors",
        "app",
        help="Every competitor and the clients it touches",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.events",
        "V",
        "open_list('events')",
        "Events and leads",
        "app",
        title="Events",
        help="Exhibitions and conferences, and the leads met there",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.at_risk",
        "A",
        "open_list('at_risk')",
        "Promises at risk",
        "app",
        help="Tasks the schedule finishes after their due date",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.week_view",
        "W",
        "week_view",
        "Week view",
        "app",
        help="The next working days side by side: meetings, tasks, free time",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.search",
        "ctrl+f",
        "search",
        "Search",
        "app",
        title="Search the whole book",
        help="Clients, contacts, projects, tasks, notes and activities, as you type",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.tasks",
        "T",
        "open_list('tasks')",
        "All tasks",
        "app",
        help="Every task by due date, with the day the schedule plans it; filter, edit, done, delete",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.staff",
        "S",
        "open_list('staff')",
        "Staff",
        "app",
        help="Everyone you delegate to: capacity, this week's room, leave, who is gone",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.settings",
        "comma",
        "settings",
        "Settings",
        "app",
        help="Working time, stages, playbooks, cadences, discount bands, earnings, calendars, theme",
        key_display=",",
        show=False,
        when="no_dialog",
        hide=True,
    ),
    E(
        "app.suspend",
        "ctrl+z",
        "suspend_process",
        "Suspend",
        "app",
        title="Suspend to the shell",
        help="Back to the shell for a moment; fg brings the planner back",
        show=False,
    ),
    # --- the main screen --------------------------------------------------------------------
    E("main.next_pane", "tab", "pane(1)", "Next pane", "main", palette=False, show=False),
    E("main.previous_pane", "shift+tab", "pane(-1)", "Previous pane", "main", palette=False, show=False),
    E(
        "main.clients",
        "1",
        "go('clients')",
        "Clients",
        "main",
        title="Go to Clients",
        help="The Clients pane",
        show=False,
    ),
    E("main.board", "2", "go('board')", "Board", "main", title="Go to Board", help="The Board pane", show=False),
    E("main.today", "3", "go('today')", "Today", "main", title="Go to Today", help="The Today pane", show=False),
    E(
        "main.workload",
        "4",
        "go('workload')",
        "Workload",
        "main",
        title="Go to Workload",
        help="The Workload pane",
        show=False,
    ),
    E(
        "main.show_all",
        "escape",
        "show_all",
        "All clients",
        "main",
        title="Show all clients",
        help="Undo the narrowing to one client",
        when="narrowed_to_client",
        hide=True,
    ),
    E("main.new_contact", "", "new_contact", "New contact", "main", help="Add a contact person to the selected client"),
    E("main.new_discount", "", "new_discount", "New discount", "main", help="Stack a discount on the selected client"),
    E(
        "main.new_competitor",
        "",
        "new_competitor",
        "New competitor",
        "main",
        help="Note a competitor at the selected client",
    ),
    # --- every pane -------------------------------------------------------------------------
    E(
        "pane.filter",
        "slash",
        "filter",
        "Filter",
        "pane",
        help="Filter the focused pane as you type",
        when="has_rows",
        hide=True,
    ),
    E(
        "pane.clear_filter",
        "escape",
        "clear_filter",
        "Clear filter",
        "pane",
        help="Show every row of the focused pane again",
        when="filtering",
        hide=True,
    ),
    E("filter.clear", "escape", "clear", "Clear filter", "filter", palette=False),
    # --- Clients ----------------------------------------------------------------------------
    E("clients.new", "n", "new_client", "New client", "clients", help="Add a client"),
    E(
        "clients.edit",
        "e",
        "edit_client",
        "Edit",
        "clients",
        title="Edit client",
        help="Edit the selected client",
        when="has_client",
    ),
    E(
        "clients.delete",
        "d",
        "delete_client",
        "Delete",
        "clients",
        title="Delete client",
        help="Delete the selected client, asking first",
        when="has_client",
    ),
    E(
        "clients.narrow",
        "space",
        "narrow_to_client",
        "Narrow",
        "clients",
        title="Narrow to client",
        help="Show only the selected client on the Board and in Today",
        when="has_client",
    ),
    E(
        "clients.open",
        "enter",
        "open_client",
        "Open",
        "clients",
        title="Open client",
        help="The selected client's contacts, projects, tasks and timeline",
        when="has_client",
    ),
    E(
        "clients.log",
        "a",
        "log_activity",
        "Log activity",
        "clients",
        help="Record a call, meeting, e-mail or note for a client",
    ),
    # --- Board ------------------------------------------------------------------------------
    E("board.new", "n", "new_project", "New project", "board", help="Add a project"),
    E(
        "board.edit",
        "e",
        "edit_project",
        "Edit",
        "board",
        title="Edit project",
        help="Edit the selected project",
        when="has_card",
    ),
    E(
        "board.delete",
        "d",
        "delete_project",
        "Delete",
        "board",
        title="Delete project",
        help="Delete the selected project, asking first",
        when="has_card",
    ),
    E(
        "board.next_stage",
        "greater_than_sign",
        "move_stage(1)",
        "Next stage",
        "board",
        title="Move project to next stage",
        help="Dated, on the timeline, and the stage's playbook offered",
        key_display=">",
        when="has_card",
    ),
    E(
        "board.prev_stage",
        "less_than_sign",
        "move_stage(-1)",
        "Prev stage",
        "board",
        title="Move project to previous stage",
        help="Back one stage",
        key_display="<",
        when="has_card",
    ),
    E(
        "board.open",
        "enter",
        "open_project_client",
        "Open client",
        "board",
        title="Open the project's client",
        help="The client of the selected card",
        when="has_card",
    ),
    E(
        "board.playbook",
        "p",
        "add_playbook",
        "Add playbook tasks",
        "board",
        help="The stage's checklist as tasks of the project",
        when="has_card",
    ),
    E("board.left", "left,h", "column(-1)", "Column left", "board_cursor", palette=False, show=False),
    E("board.right", "right,l", "column(1)", "Column right", "board_cursor", palette=False, show=False),
    E("board.up", "up,k", "card(-1)", "Card up", "board_cursor", palette=False, show=False),
    E("board.down", "down,j", "card(1)", "Card down", "board_cursor", palette=False, show=False),
    E("board.first", "home,g", "card(-1000000)", "First card", "board_cursor", palette=False, show=False),
    E("board.last", "end,G", "card(1000000)", "Last card", "board_cursor", palette=False, show=False),
    # --- Today ------------------------------------------------------------------------------
    E(
        "today.toggle",
        "x",
        "toggle_task",
        "Done",
        "today",
        title="Toggle task done",
        help="Done goes on the timeline; x again reopens it",
        when="has_task",
    ),
    E(
        "today.accept",
        "s",
        "accept_suggestion",
        "Accept suggestion",
        "today",
        help="Move or delegate a task that does not fit today",
        when="has_task",
    ),
    E("today.new", "n", "new_task", "New task", "today", help="Add a task"),
    E(
        "today.edit",
        "e,enter",
        "edit_task",
        "Edit",
        "today",
        title="Edit task",
        help="Edit the selected task",
        when="has_task",
    ),
    E(
        "today.delete",
        "d",
        "delete_task",
        "Delete",
        "today",
        title="Delete task",
        help="Delete the selected task, asking first",
        when="has_task",
    ),
    E(
        "today.renegotiate",
        "r",
        "renegotiate",
        "Renegotiate",
        "today",
        title="Renegotiate a promise at risk",
        help="Move its due date to the day the schedule can finish it, noted on the client's timeline",
        when="has_risk",
    ),
    E(
        "today.delegate",
        "a",
        "delegate_risk",
        "Delegate",
        "today",
        title="Delegate a promise at risk",
        help="To the staff member with room before it is due",
        when="has_risk",
    ),
    E(
        "today.drop",
        "X",
        "drop_task",
        "Drop",
        "today",
        title="Drop a task",
        help="Delete it, with a reason on the client's timeline",
        when="has_task",
    ),
    E(
        "today.copy",
        "y",
        "copy_task",
        "Copy",
        "today",
        title="Copy the task",
        help="Its title, client, due date and planned day, to paste in a mail",
        show=False,
        when="has_task",
    ),
    # --- Workload ---------------------------------------------------------------------------
    E(
        "workload.why",
        "w",
        "why",
        "Why",
        "workload",
        title="Why these numbers",
        help="Every hour of load and every stress point with its reason",
    ),
    E(
        "workload.self_check",
        "c",
        "self_check",
        "Self-check",
        "workload",
        title="Weekly self-check",
        help="Six questions on how this week felt, next to the computed index",
    ),
    E("workload.new_staff", "n", "new_staff", "New staff member", "workload", help="Someone you can delegate to"),
    E(
        "workload.new_event",
        "v",
        "new_event",
        "New event",
        "workload",
        help="An exhibition, conference or meeting that takes time",
    ),
    # --- every list's cursor ----------------------------------------------------------------
    E("list.up", "up,k", "cursor_up", "Up", "list", palette=False, show=False),
    E("list.down", "down,j", "cursor_down", "Down", "list", palette=False, show=False),
    E("list.first", "home,g", "first", "First", "list", palette=False, show=False),
    E("list.last", "end,G", "last", "Last", "list", palette=False, show=False),
    E("list.page_up", "pageup", "page_up", "Page up", "list", palette=False, show=False),
    E("list.page_down", "pagedown", "page_down", "Page down", "list", palette=False, show=False),
    # --- the client detail screen: its commands act on this client -------------------------
    E("detail.back", "escape", "app.pop_screen", "Back", "detail", help="Back to where you were"),
    E(
        "detail.log",
        "a",
        "log_activity",
        "Log activity",
        "detail",
        help="A call, meeting, e-mail or note with this client",
    ),
    E("detail.new_contact", "c", "new_contact", "New contact", "detail", help="A contact person at this client"),
    E("detail.new_project", "p", "new_project", "New project", "detail", help="A project for this client"),
    E("detail.new_task", "t", "new_task", "New task", "detail", help="A task for this client"),
    E(
        "detail.new_discount",
        "dollar_sign",
        "new_discount",
        "Stack a discount",
        "detail",
        title="New discount",
        help="Stack a discount on this client",
        key_display="$",
    ),
    E(
        "detail.new_competitor",
        "r",
        "new_competitor",
        "Competitor (rival)",
        "detail",
        title="New competitor",
        help="A competitor present at this client",
    ),
    E(
        "detail.toggle_task",
        "x",
        "toggle_task",
        "Task done",
        "detail",
        title="Toggle task done",
        help="The highlighted task done, or open again",
    ),
    E(
        "detail.edit",
        "e,enter",
        "edit",
        "Edit",
        "detail",
        help="Edit the highlighted contact, project, task or activity",
    ),
    E("detail.edit_client", "E", "edit_client", "Edit client", "detail", help="Edit this client"),
    E("detail.delete", "d", "delete", "Delete", "detail", help="Delete the highlighted record, asking first"),
    E(
        "detail.copy",
        "y",
        "copy",
        "Copy",
        "detail",
        title="Copy the e-mail or the task",
        help="The highlighted contact's e-mail, or the highlighted task's summary, to the clipboard",
        show=False,
    ),
    E(
        "detail.copy_phone",
        "Y",
        "copy_phone",
        "Copy phone",
        "detail",
        help="The highlighted contact's phone number, to the clipboard",
        show=False,
    ),
    # --- the list screens -------------------------------------------------------------------
    E("list.back", "escape", "app.pop_screen", "Back", "lists", help="Back to the main screen"),
    E(
        "at_risk.renegotiate",
        "r",
        "renegotiate",
        "Renegotiate",
        "at_risk",
        help="Move the highlighted promise to the day it can be done",
    ),
    E(
        "at_risk.delegate",
        "a",
        "delegate",
        "Delegate",
        "at_risk",
        help="The highlighted promise to the staff member with room",
    ),
    E(
        "at_risk.drop",
        "X",
        "drop",
        "Drop",
        "at_risk",
        help="Delete the highlighted task, with a reason on the timeline",
    ),
    E("at_risk.edit", "e", "edit", "Edit task", "at_risk", help="Edit the highlighted task"),
    E("at_risk.open", "enter", "open", "Open client", "at_risk", help="The highlighted task's client"),
    E(
        "ledger.follow_up",
        "f",
        "follow_up",
        "Log follow-up",
        "ledger",
        help="A follow-up on the highlighted delegated task",
    ),
    E(
        "ledger.toggle",
        "x",
        "mark_done",
        "Done",
        "ledger",
        title="Mark task done",
        help="The highlighted delegated task done, or open",
    ),
    E(
        "ledger.edit",
        "e,enter",
        "edit",
        "Edit",
        "ledger",
        title="Edit task",
        help="Edit the highlighted delegated task",
    ),
    E(
        "renewals.on_track",
        "o",
        "mark('on_track')",
        "On track",
        "renewals",
        title="Renewal on track",
        help="Mark the highlighted renewal on track",
    ),
    E(
        "renewals.at_risk",
        "r",
        "mark('at_risk')",
        "At risk",
        "renewals",
        title="Renewal at risk",
        help="Mark the highlighted renewal at risk",
    ),
    E("renewals.edit", "e", "edit", "Edit client", "renewals", help="Edit the highlighted client"),
    E("renewals.open", "enter", "open", "Open client", "renewals", help="The highlighted client's detail"),
    E(
        "prospects.won",
        "W",
        "won",
        "Won",
        "prospects",
        title="Deal won",
        help="The highlighted deal won: it moves to Kickoff",
    ),
    E(
        "prospects.lost",
        "L",
        "lost",
        "Lost",
        "prospects",
        title="Deal lost",
        help="The highlighted deal lost, with the reason",
    ),
    E(
        "prospects.edit",
        "e,enter",
        "edit",
        "Edit deal",
        "prospects",
        help="Edit the highlighted deal: next meeting, value...",
    ),
    E(
        "discounts.new",
        "n",
        "new",
        "Stack a discount",
        "discounts",
        title="New discount",
        help="Stack a discount on the highlighted client",
    ),
    E(
        "discounts.edit",
        "e,enter",
        "edit",
        "Edit",
        "discounts",
        title="Edit discount",
        help="Edit the highlighted discount or client",
    ),
    E(
        "discounts.delete",
        "d",
        "delete",
        "Delete stacked",
        "discounts",
        title="Delete discount",
        help="Delete the highlighted stacked discount",
    ),
    E("competitors.new", "n", "new", "New", "competitors", title="New competitor", help="Note a competitor"),
    E(
        "competitors.edit",
        "e,enter",
        "edit",
        "Edit",
        "competitors",
        title="Edit competitor",
        help="Edit the highlighted competitor",
    ),
    E(
        "competitors.delete",
        "d",
        "delete",
        "Delete",
        "competitors",
        title="Delete competitor",
        help="Delete the highlighted competitor",
    ),
    E("events.new", "n", "new", "New event", "events", help="An exhibition, conference or meeting"),
    E("events.edit", "e,enter", "edit", "Edit", "events", title="Edit event", help="Edit the highlighted event"),
    E("events.delete", "d", "delete", "Delete", "events", title="Delete event", help="Delete the highlighted event"),
    E("events.lead", "l", "lead", "Add a lead met there", "events", help="A prospect met at the highlighted event"),
    E("settings.back", "escape", "app.pop_screen", "Back", "settings", help="Back to where you were"),
    E(
        "settings.edit",
        "e,enter",
        "edit",
        "Change",
        "settings",
        title="Change settings",
        help="The highlighted section's settings, in a form checked as the settings file is",
    ),
    E("tasks.edit", "e,enter", "edit", "Edit", "tasks", title="Edit task", help="Edit the highlighted task"),
    E(
        "tasks.toggle",
        "x",
        "mark_done",
        "Done",
        "tasks",
        title="Mark task done",
        help="The highlighted task done, or open again (a recurring one makes its next)",
    ),
    E(
        "tasks.delete",
        "d",
        "delete",
        "Delete",
        "tasks",
        title="Delete task",
        help="Delete the highlighted task, asking first",
    ),
    E("tasks.new", "n", "new", "New task", "tasks", help="A task (for the client shown, if the list shows one)"),
    E(
        "tasks.filter",
        "f",
        "filter",
        "Filter",
        "tasks",
        title="Filter the tasks",
        help="By client, assignee, state and the stage of their project",
    ),
    E("tasks.show_all", "F", "show_all", "All open", "tasks", title="Show every open task", help="Clear the filter"),
    E(
        "tasks.copy",
        "y",
        "copy",
        "Copy",
        "tasks",
        title="Copy the task",
        help="Its title, client, due date and planned day, to paste in a mail",
        show=False,
    ),
    E("staff.new", "n", "new", "New", "staff", title="New staff member", help="Someone you can delegate to"),
    E(
        "staff.edit",
        "e,enter",
        "edit",
        "Edit",
        "staff",
        title="Edit staff member",
        help="Name, role, hours a week, leave, the day they left",
    ),
    E(
        "staff.leave",
        "l",
        "leave",
        "Leave",
        "staff",
        title="Add leave",
        help="A period the highlighted person is away: no work offered or counted then",
    ),
    E(
        "staff.gone",
        "x",
        "gone",
        "Gone / back",
        "staff",
        title="Mark gone, or back",
        help="The highlighted person has left (their tasks and history stay), or is back",
    ),
    E("search.back", "escape", "app.pop_screen", "Back", "search", help="Back to where you were"),
    E(
        "search.open",
        "enter",
        "open",
        "Open",
        "search",
        title="Open the hit",
        help="The highlighted record, where it lives: the client, the board, the task's form",
    ),
    E("search.find", "slash", "find", "Search again", "search", help="Back to the search field"),
    E("week.back", "escape,W", "app.pop_screen", "Back", "week", help="Back to the main screen"),
    # Before the scrolled view's own left and right (it only scrolls up and down).
    E(
        "week.later",
        "right,l",
        "move(1)",
        "Later days",
        "week",
        help="Show the next day of the schedule",
        priority=True,
    ),
    E("week.earlier", "left,h", "move(-1)", "Earlier days", "week", help="Show the day before", priority=True),
    # --- dialogs: only their own commands (a main-screen command would close them unanswered) --
    E("form.save", "ctrl+s", "save", "Save", "form", help="Save the form", priority=True),
    E("form.cancel", "escape", "cancel", "Cancel", "form", help="Close the form, writing nothing"),
    # Before the field's own Enter (a choice would open, a check box would flip): next field, or save.
    E(
        "form.enter",
        "enter",
        "enter",
        "Next field (save on the last)",
        "form",
        palette=False,
        priority=True,
        when="enter_moves",
        hide=True,
    ),
    # Priority, so the focus moves as the key arrives: the keys typed after it go to the next field.
    E("form.next", "tab", "app.focus_next", "Next field", "form", palette=False, show=False, priority=True),
    E(
        "form.previous",
        "shift+tab",
        "app.focus_previous",
        "Previous field",
        "form",
        palette=False,
        show=False,
        priority=True,
    ),
    E("confirm.yes", "y", "answer(True)", "Yes", "confirm"),
    E("confirm.no", "n,escape", "answer(False)", "No", "confirm"),
    E("help.close", "escape,q,question_mark", "close", "Close help", "help"),
    E("why.close", "escape,w,q", "close", "Close", "why"),
    E("report.close", "escape,q", "close", "Close", "report", title="Close the report"),
    E("switch.cancel", "escape", "cancel", "Cancel", "switch", help="Keep this book"),
    # --- acct-tui team: the head of accounts' roll-up, an app of its own --------------------------
    E("team.quit", "q", "quit", "Quit", "team"),
    E("team.open", "enter", "open", "Open the book (read-only)", "team"),
    E("team.approve", "a", "approve", "Approve a discount", "team"),
)
del E

PLACE: dict[str, Place] = {place.name: place for place in PLACES}


def _family(name: str) -> set[str]:
    """The place and the one whose bindings its class inherits."""
    return {name, PLACE[name].within} - {""}


def _meet(a: str, b: str) -> bool:
    """Whether a key of place `a` and one of place `b` can be the same binding chain's: one inherits
    the other's bindings (a pane's), or one is the widget focused inside the other (a list's cursor)."""
    family_a, family_b = _family(a), _family(b)
    if a in family_b or b in family_a:
        return True
    focused_a = {PLACE[name].focused for name in family_a}
    focused_b = {PLACE[name].focused for name in family_b}
    return bool(focused_a & family_b or focused_b & family_a)


def sharing(place: str) -> frozenset[str]:
    """The places whose keys one key of `place` must not also be (Textual would run only one)."""
    return frozenset(other.name for other in PLACES if _meet(place, other.name))


def entries(place: str) -> Iterator[Entry]:
    """The entries of one place, in the table's order."""
    return (entry for entry in ENTRIES if entry.place == place)


def bound(entry: Entry) -> str:
    """The action as the binding names it: a pane's action runs on the main screen (`screen.`)."""
    place = PLACE[entry.place]
    if place.runs == "main" and place.node != "MainScreen" and not entry.action.startswith("app."):
        return f"screen.{entry.action}"
    return entry.action


def bindings(place: str) -> list[BindingType]:
    """The BINDINGS of a place's class, made from the table."""
    from textual.binding import Binding

    found: list[BindingType] = [
        Binding(
            entry.keys,
            bound(entry),
            entry.description,
            show=entry.show,
            key_display=entry.key_display,
            priority=entry.priority,
            tooltip=entry.help,
            id=entry.id,
        )
        for entry in entries(place)
        if entry.keys
    ]
    return found


def node_names(node: object) -> Iterator[str]:
    """The class names of `node` and its bases: a list screen has its own entries and ListScreen's."""
    return (cls.__name__ for cls in type(node).__mro__)


@dataclass(frozen=True, slots=True)
class _Rule:
    when: str
    hide: bool


def _target(entry: Entry) -> str:
    """The class the entry's action runs on (where its `when` is read)."""
    place = PLACE[entry.place]
    return {"app": "AcctApp", "main": "MainScreen"}.get(place.runs, place.node)


def _rules() -> dict[tuple[str, str], _Rule]:
    found: dict[tuple[str, str], _Rule] = {}
    for entry in ENTRIES:
        if not entry.when:
            continue
        assert not entry.action.startswith("app."), f"{entry.id}: `when` is read where the action runs"
        key, rule = (_target(entry), entry.name), _Rule(entry.when, entry.hide)
        assert found.setdefault(key, rule) == rule, f"{entry.id}: another entry runs {key} with another `when`"
    return found


_RULES = _rules()


def enabled(node: object, action: str) -> bool | None:
    """`check_action` for the node an action runs on: True, or when the entry's `when` is false,
    None (greyed in the footer) or False (hidden: the key goes to the next binding for it)."""
    for name in node_names(node):
        rule = _RULES.get((name, action))
        if rule is not None:
            if getattr(node, rule.when):
                return True
            return False if rule.hide else None
    return True


def effective_keys(entry: Entry, keymap: Mapping[str, str]) -> str:
    """The entry's keys once the user's keymap is applied."""
    return keymap.get(entry.id, entry.keys)


def key_hint(entry_id: str, keymap: Mapping[str, str]) -> str:
    """The first key of the entry `entry_id`, as a hint on screen names it ("n", "ctrl+n"), once
    the user's keymap is applied."""
    entry = next(entry for entry in ENTRIES if entry.id == entry_id)
    return effective_keys(entry, keymap).split(",")[0].strip()


def help_sections(keymap: Mapping[str, str] = {}) -> list[tuple[str, Sequence[Binding]]]:
    """Every key, grouped by where it works, with the user's keymap applied."""
    from textual.binding import Binding

    sections: dict[str, list[Binding]] = {}
    for entry in ENTRIES:
        if not PLACE[entry.place].planner:
            continue
        keys = effective_keys(entry, keymap)
        if not keys:
            continue
        display = entry.key_display if keys == entry.keys else None
        text = entry.title if entry.title and not entry.palette else entry.description
        binding = Binding(keys, entry.action, text, key_display=display, id=entry.id)
        sections.setdefault(PLACE[entry.place].title, []).append(binding)
    return list(sections.items())
