"""CRM exports as their CRMs write them: which CRM wrote a file, its columns, its stages and its ids.

A file is recognised by its header alone (no option to give): HubSpot exports have "Record ID"
and HubSpot's property labels ("Create Date", "Associated Company IDs"), Salesforce reports have
"Account ID", "Opportunity Name" and the like, Salesforce Data Loader files have API names
("AccountId", "StageName") or an "Id" column of Salesforce ids, Pipedrive exports name each
column after its entity ("Deal - Title", "Organization - ID"), Zoho has "Record Id" with
"Created Time". Each CRM's columns say which field they fill; columns a CRM does not list are
matched by the generic names (`acct_tui.exchange.columns`).

The CRM's id of each record is kept as its external id, after the CRM's name
("hubspot:5123", "salesforce:0015g00000AbCdE"), so that importing the next export updates the
record, and two CRMs' ids never collide. Salesforce ids are kept in their 15-character form,
which reports show and which Data Loader's 18-character ids begin with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from acct_tui.domain.enums import ActivityKind, ClientStatus, Stage
from acct_tui.exchange.columns import Column, Kind, choice, header_key


@dataclass(frozen=True, slots=True)
class CrmFormat:
    """One CRM's export layout: how to recognise it, and the columns of each table."""

    crm: str
    """The CRM's name, before its ids: "hubspot"."""
    label: str
    """For people: "HubSpot", "Salesforce Data Loader"."""
    columns: Mapping[str, tuple[Column, ...]]
    """Table -> its columns; several columns may fill one field: the first non-empty cell wins."""
    recognise: Callable[[list[str], set[str]], bool]
    """Whether a header (as written, and as `header_key` gives it) is this CRM's."""

    def external_id(self, cell: str) -> str:
        """The external id of the CRM's id `cell`."""
        value = cell.strip()
        if self.crm == "salesforce" and _SALESFORCE_ID.match(value):
            value = value[:15]
        return f"{self.crm}:{value}"


def _c(field: str, *names: str, kind: Kind = "text") -> Column:
    return Column(field, names, kind)


_SALESFORCE_ID = re.compile(r"^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$")


# --- HubSpot: property labels, as an export from a HubSpot list view writes them ----------------

_HUBSPOT_COMPANY = ("Associated Company IDs (Primary)", "Associated Company IDs", "Associated Company ID")
_HUBSPOT = CrmFormat(
    "hubspot",
    "HubSpot",
    {
        "clients": (
            _c("crm_id", "Record ID", kind="crm_id"),
            _c("name", "Company name", "Name"),
            _c("industry", "Industry"),
            _c("status", "Lifecycle Stage", kind="crm_status"),
            _c("created_on", "Create Date", kind="day"),
            _c("notes", "Description", "About Us"),
        ),
        "contacts": (
            _c("crm_id", "Record ID", kind="crm_id"),
            _c("first_name", "First Name"),
            _c("last_name", "Last Name"),
            _c("email", "Email"),
            _c("phone", "Phone Number"),
            _c("mobile", "Mobile Phone Number"),
            _c("role", "Job Title"),
            _c("client_crm_id", *_HUBSPOT_COMPANY, kind="crm_id"),
            _c("client", "Associated Company", "Company Name"),
        ),
        "projects": (
            _c("crm_id", "Record ID", kind="crm_id"),
            _c("title", "Deal Name"),
            _c("stage", "Deal Stage"),
            _c("value", "Amount", kind="number"),
            _c("currency", "Currency", "Deal currency code"),
            _c("closed_on", "Close Date", kind="day"),
            _c("created_on", "Create Date", kind="day"),
            _c("client_crm_id", *_HUBSPOT_COMPANY, kind="crm_id"),
            _c("client", "Associated Company"),
            _c("lost_reason", "Closed Lost Reason"),
            _c("notes", "Deal Description"),
        ),
        "activities": (
            _c("crm_id", "Record ID", kind="crm_id"),
            _c("when", "Activity date", "Meeting start time", "Create Date", kind="moment"),
            _c("ends", "Meeting end time", kind="moment"),
            _c("kind", "Activity type", kind="crm_kind"),
            _c("summary", "Call title", "Meeting name", "Email subject", "Task title", "Subject", "Note body"),
            _c("details", "Call notes", "Meeting description", "Email body", "Body"),
            _c("minutes", "Call duration (HH:mm:ss)", "Call duration", "Duration", kind="duration"),
            _c("done", "Task status", "Meeting outcome", kind="crm_done"),
            _c("client_crm_id", *_HUBSPOT_COMPANY, kind="crm_id"),
            _c("client", "Associated Company"),
            _c("project_crm_id", "Associated Deal IDs", "Associated Deal ID", kind="crm_id"),
            _c("project", "Associated Deal"),
        ),
    },
    lambda written, header: "record id" in header
    and bool(header & {header_key(n) for n in ("Create Date", "Associated Company", *_HUBSPOT_COMPANY, "Deal Name",
                                                 "Company name", "First Name", "Activity date", "Deal Stage")}),
)  # fmt: skip

# --- Salesforce: reports (field labels) and Data Loader (API names) ------------------------------

_SF_REPORT = CrmFormat(
    "salesforce",
    "Salesforce report",
    {
        "clients": (
            _c("crm_id", "Account ID", kind="crm_id"),
            _c("name", "Account Name"),
            _c("status", "Type", "Account Type", kind="crm_status"),
            _c("industry", "Industry"),
            _c("currency", "Account Currency"),
            _c("created_on", "Created Date", kind="day"),
            _c("notes", "Description"),
        ),
        "contacts": (
            _c("crm_id", "Contact ID", kind="crm_id"),
            _c("first_name", "First Name"),
            _c("last_name", "Last Name"),
            _c("role", "Title"),
            _c("email", "Email"),
            _c("phone", "Phone", "Business Phone"),
            _c("mobile", "Mobile", "Mobile Phone"),
            _c("client_crm_id", "Account ID", kind="crm_id"),
            _c("client", "Account Name"),
            _c("notes", "Description"),
        ),
        "projects": (
            _c("crm_id", "Opportunity ID", kind="crm_id"),
            _c("title", "Opportunity Name"),
            _c("client_crm_id", "Account ID", kind="crm_id"),
            _c("client", "Account Name"),
            _c("value", "Amount", kind="number"),
            _c("currency", "Opportunity Currency", "Amount Currency"),
            _c("stage", "Stage"),
            _c("closed_on", "Close Date", kind="day"),
            _c("created_on", "Created Date", kind="day"),
            _c("lost_reason", "Loss Reason", "Reason Lost", "Closed Lost Reason"),
            _c("notes", "Description"),
        ),
        "activities": (
            _c("crm_id", "Activity ID", kind="crm_id"),
            _c("summary", "Subject"),
            _c("when", "Date", "Start", "Due Date", "Created Date", kind="moment"),
            _c("ends", "End", kind="moment"),
            _c("kind", "Type", "Task Subtype", "Event Subtype", kind="crm_kind"),
            _c("details", "Comments", "Full Comments", "Description"),
            _c("minutes", "Duration", "Call Duration", kind="duration"),
            _c("done", "Status", "Task Status", kind="crm_done"),
            _c("client_crm_id", "Account ID", kind="crm_id"),
            _c("client", "Account", "Company / Account", "Account Name"),
            _c("project_crm_id", "Opportunity ID", kind="crm_id"),
            _c("project", "Opportunity", "Opportunity Name"),
        ),
    },
    lambda written, header: (
        bool(header & {"account id", "opportunity id", "contact id", "activity id"})
        or {"account name", "opportunity name"} <= header
    ),
)

_SF_API_NAMES = {
    "accountid", "stagename", "closedate", "createddate", "ownerid", "firstname", "lastname", "mobilephone",
    "isdeleted", "systemmodstamp", "lastmodifieddate", "activitydate", "activitydatetime", "whatid", "whoid",
    "currencyisocode", "billingcity", "isclosed", "iswon",
}  # fmt: skip


def _salesforce_ids(rows: list[list[str]], position: int) -> bool:
    """Whether the cells at `position` of the first rows are all Salesforce ids."""
    cells = [row[position].strip() for row in rows[:20] if position < len(row) and row[position].strip()]
    return bool(cells) and all(_SALESFORCE_ID.match(c) and not c.isdigit() for c in cells)


_SF_LOADER = CrmFormat(
    "salesforce",
    "Salesforce Data Loader",
    {
        "clients": (
            _c("crm_id", "Id", kind="crm_id"),
            _c("name", "Name"),
            _c("status", "Type", kind="crm_status"),
            _c("industry", "Industry"),
            _c("currency", "CurrencyIsoCode"),
            _c("created_on", "CreatedDate", kind="day"),
            _c("notes", "Description"),
        ),
        "contacts": (
            _c("crm_id", "Id", kind="crm_id"),
            _c("client_crm_id", "AccountId", kind="crm_id"),
            _c("first_name", "FirstName"),
            _c("last_name", "LastName"),
            _c("name", "Name"),
            _c("role", "Title"),
            _c("email", "Email"),
            _c("phone", "Phone"),
            _c("mobile", "MobilePhone"),
            _c("notes", "Description"),
        ),
        "projects": (
            _c("crm_id", "Id", kind="crm_id"),
            _c("client_crm_id", "AccountId", kind="crm_id"),
            _c("title", "Name"),
            _c("stage", "StageName"),
            _c("value", "Amount", kind="number"),
            _c("currency", "CurrencyIsoCode"),
            _c("closed_on", "CloseDate", kind="day"),
            _c("created_on", "CreatedDate", kind="day"),
            _c("lost_reason", "Loss_Reason__c", "Reason_Lost__c"),
            _c("notes", "Description"),
        ),
        "activities": (
            _c("crm_id", "Id", kind="crm_id"),
            _c("client_crm_id", "AccountId", kind="crm_id"),
            _c("project_crm_id", "WhatId", kind="sf_what"),
            _c("summary", "Subject"),
            _c("when", "ActivityDateTime", "StartDateTime", "ActivityDate", "CreatedDate", kind="moment"),
            _c("ends", "EndDateTime", kind="moment"),
            _c("kind", "TaskSubtype", "EventSubtype", "Type", kind="crm_kind"),
            _c("details", "Description"),
            _c("minutes", "DurationInMinutes", kind="number"),
            _c("minutes", "CallDurationInSeconds", kind="seconds"),
            _c("done", "Status", kind="crm_done"),
        ),
    },
    lambda written, header: bool(header & _SF_API_NAMES),
)

# --- Pipedrive: "Entity - Field", as its spreadsheet exports write them ---------------------------

_PIPEDRIVE_HEADER = re.compile(r"^\s*(Deal|Person|Organization|Activity|Lead|Product) - \S")
_PIPEDRIVE_ORG_ID = ("Organization - ID", "Person - Organization ID", "Deal - Organization ID")
_PIPEDRIVE = CrmFormat(
    "pipedrive",
    "Pipedrive",
    {
        "clients": (
            _c("crm_id", "Organization - ID", kind="crm_id"),
            _c("name", "Organization - Name"),
            _c("industry", "Organization - Industry"),
            _c("created_on", "Organization - Organization created", "Organization - Add time", kind="day"),
            _c("tags", "Organization - Labels", "Organization - Label", kind="tags"),
        ),
        "contacts": (
            _c("crm_id", "Person - ID", kind="crm_id"),
            _c("name", "Person - Name"),
            _c("first_name", "Person - First name"),
            _c("last_name", "Person - Last name"),
            _c("email", "Person - Email - Work", "Person - Email", "Person - Email - Other"),
            _c("phone", "Person - Phone - Work", "Person - Phone", "Person - Phone - Other"),
            _c("mobile", "Person - Phone - Mobile"),
            _c("role", "Person - Job title"),
            _c("client_crm_id", *_PIPEDRIVE_ORG_ID, kind="crm_id"),
            _c("client", "Person - Organization", "Organization - Name"),
        ),
        "projects": (
            _c("crm_id", "Deal - ID", kind="crm_id"),
            _c("title", "Deal - Title"),
            _c("value", "Deal - Value", kind="number"),
            _c("currency", "Deal - Currency", "Deal - Currency of Value"),
            _c("stage", "Deal - Stage"),
            _c("deal_status", "Deal - Status"),
            _c("lost_reason", "Deal - Lost reason"),
            _c("closed_on", "Deal - Won time", "Deal - Lost time", "Deal - Close time", kind="day"),
            _c("created_on", "Deal - Deal created", "Deal - Add time", kind="day"),
            _c("client_crm_id", *_PIPEDRIVE_ORG_ID, kind="crm_id"),
            _c("client", "Deal - Organization", "Organization - Name"),
        ),
        "activities": (
            _c("crm_id", "Activity - ID", kind="crm_id"),
            _c("summary", "Activity - Subject"),
            _c("kind", "Activity - Type", kind="crm_kind"),
            _c("when", "Activity - Due date", "Activity - Add time", kind="moment"),
            _c("time_of_day", "Activity - Due time"),
            _c("minutes", "Activity - Duration", kind="duration"),
            _c("done", "Activity - Done", kind="crm_done"),
            _c("details", "Activity - Note"),
            _c("client_crm_id", *_PIPEDRIVE_ORG_ID, kind="crm_id"),
            _c("client", "Activity - Organization", "Organization - Name"),
            _c("project_crm_id", "Deal - ID", kind="crm_id"),
            _c("project", "Activity - Deal", "Deal - Title"),
        ),
    },
    lambda written, header: any(_PIPEDRIVE_HEADER.match(name) for name in written),
)


# --- Zoho CRM ---------------------------------------------------------------------------------

_ZOHO = CrmFormat(
    "zoho",
    "Zoho CRM",
    {
        "clients": (
            _c("crm_id", "Record Id", kind="crm_id"),
            _c("name", "Account Name"),
            _c("status", "Account Type", kind="crm_status"),
            _c("industry", "Industry"),
            _c("created_on", "Created Time", kind="day"),
            _c("notes", "Description"),
        ),
        "contacts": (
            _c("crm_id", "Record Id", kind="crm_id"),
            _c("first_name", "First Name"),
            _c("last_name", "Last Name"),
            _c("role", "Title"),
            _c("email", "Email"),
            _c("phone", "Phone"),
            _c("mobile", "Mobile"),
            _c("client", "Account Name"),
            _c("notes", "Description"),
        ),
        "projects": (
            _c("crm_id", "Record Id", kind="crm_id"),
            _c("title", "Deal Name"),
            _c("client", "Account Name"),
            _c("value", "Amount", kind="number"),
            _c("currency", "Currency"),
            _c("stage", "Stage"),
            _c("closed_on", "Closing Date", kind="day"),
            _c("created_on", "Created Time", kind="day"),
            _c("lost_reason", "Reason For Loss", "Reason for Loss__s"),
            _c("notes", "Description"),
        ),
    },
    lambda written, header: "record id" in header and bool(header & {"created time", "modified time", "closing date"}),
)

FORMATS: tuple[CrmFormat, ...] = (_ZOHO, _HUBSPOT, _PIPEDRIVE, _SF_LOADER, _SF_REPORT)
"""Checked in this order; the first that recognises a file reads it."""


def recognise(table: str, headers: list[str], rows: list[list[str]]) -> CrmFormat | None:
    """The CRM whose export `headers` (and first `rows`) are, for `table`; None for any other file."""
    keys = {header_key(name) for name in headers}
    for found in FORMATS:
        if table in found.columns and found.recognise(headers, keys):
            return found
    if "id" in keys and _salesforce_ids(rows, [header_key(h) for h in headers].index("id")):
        return _SF_LOADER if table in _SF_LOADER.columns else None
    return None


# --- values: stages, statuses, activity kinds ------------------------------------------------

_WON, _LOST = Stage.KICKOFF, Stage.LOST

CRM_STAGES: dict[str, Stage] = {
    choice(name): stage
    for names, stage in (
        # HubSpot's default sales pipeline (labels, and the internal names its API and some exports use)
        (("Appointment Scheduled", "appointmentscheduled", "Qualified To Buy", "qualifiedtobuy",
          "Presentation Scheduled", "presentationscheduled"), Stage.PROSPECT),
        (("Decision Maker Bought-In", "decisionmakerboughtin", "Contract Sent", "contractsent"), Stage.NEGOTIATION),
        (("Closed Won", "closedwon"), _WON),
        (("Closed Lost", "closedlost"), _LOST),
        # Salesforce's standard opportunity stages (Zoho CRM's are the same, less two)
        (("Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
          "Identify Decision Makers", "Perception Analysis"), Stage.PROSPECT),
        (("Proposal/Price Quote", "Negotiation/Review"), Stage.NEGOTIATION),
        (("Closed Lost to Competition",), _LOST),
        # Pipedrive's default pipeline (won and lost are a deal's status there, not a stage)
        (("Lead In", "Qualified", "Contact Made", "Demo Scheduled", "Needs Defined"), Stage.PROSPECT),
        (("Proposal Made", "Negotiations Started"), Stage.NEGOTIATION),
    )
    for name in names
}  # fmt: skip
"""The stage names of the common CRMs' default pipelines. Won is Kickoff: a won deal starts its kickoff."""

DEAL_STATUS: dict[str, Stage | None] = {"won": _WON, "lost": _LOST, "open": None, "deleted": None}
"""A deal's status (Pipedrive): won and lost settle its stage; open leaves it to the stage column."""


def stage_key(name: str) -> str:
    """How a CRM stage name is compared: as a choice, without a pipeline in brackets after it."""
    return choice(re.sub(r"\s*\([^)]*\)\s*$", "", name)) or choice(name)


def crm_status(cell: str) -> ClientStatus | None:
    """A client's status from a CRM's lifecycle stage or account type (None: keep the default)."""
    value = cell.casefold()
    if "customer" in value or "evangelist" in value or value in ("active", "client"):
        return ClientStatus.ACTIVE
    if any(word in value for word in ("prospect", "lead", "opportunity", "subscriber")):
        return ClientStatus.PROSPECT
    if value in ("former customer", "inactive", "churned", "dormant"):
        return ClientStatus.DORMANT
    return None


_OPPORTUNITY_PREFIX = "006"
"""The key prefix of Salesforce's opportunity ids (accounts are 001, contacts 003...)."""


def salesforce_opportunity(cell: str) -> bool:
    """Whether a Salesforce id (a task's WhatId: what it is about) is an opportunity's."""
    return cell.strip().startswith(_OPPORTUNITY_PREFIX)


_DONE = {"done", "completed", "complete", "held", "yes", "y", "true", "1", "x"}
_NOT_DONE = {
    "to do", "todo", "not started", "in progress", "waiting", "waiting on someone else", "deferred", "open",
    "planned", "no", "n", "false", "0", "canceled", "cancelled", "no show", "rescheduled",
}  # fmt: skip


def crm_done(cell: str) -> bool | None:
    """Whether a CRM says an activity was done (Pipedrive's Done / To do, Salesforce's task status,
    HubSpot's task status or meeting outcome); None when it does not say (HubSpot's "Scheduled")."""
    value = header_key(cell)
    return True if value in _DONE else False if value in _NOT_DONE else None


def crm_kind(cell: str) -> ActivityKind:
    """An activity's kind from a CRM's activity type ("Call", "EMAIL", "Meeting", "Task", ...)."""
    value = cell.casefold()
    for words, kind in (
        (("call", "phone"), ActivityKind.CALL),
        (("mail",), ActivityKind.EMAIL),
        (("visit",), ActivityKind.VISIT),
        (("meet", "event", "lunch", "demo", "presentation"), ActivityKind.MEETING),
    ):
        if any(word in value for word in words):
            return kind
    return ActivityKind.NOTE
