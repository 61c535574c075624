"""The choices the command line offers, light to import: the parser is built for `--help` and for
every usage error without loading the models (the domain's own lists cost 0.25 s of imports).

tests/cli/test_cli.py checks each against the domain's: `domain.records.TABLES` and
`domain.parsing.DATE_ORDERS`.
"""

TABLES = (
    "clients",
    "contacts",
    "projects",
    "tasks",
    "staff",
    "activities",
    "events",
    "weeks",
    "discounts",
    "competitors",
)
DATE_ORDERS = ("mdy", "dmy")
