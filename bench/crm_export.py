"""A CRM export to time `acct-tui import` on: HubSpot companies and contacts, as HubSpot writes them.

    .venv/bin/python bench/crm_export.py FOLDER [CONTACTS]

writes FOLDER/companies.csv (one company for every 10 contacts) and FOLDER/contacts.csv
(default 10,000 contacts: first and last name, phone and mobile, job title, the company's
HubSpot id and name, a "Create Date" with its time). The same arguments give the same files.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

FIRST = ("Ana", "Ben", "Chloé", "Dieter", "Elif", "Femi", "Giulia", "Hana", "Ivan", "Jana", "Kofi", "Lan", "Mai")
LAST = ("Silva", "Okafor", "Martin", "Acker", "Demir", "Nguyen", "Rossi", "Kowalski", "Tanaka", "Berg", "Haddad")
ROLES = ("Head of Purchasing", "Operations Director", "CFO", "Plant manager", "IT lead", "Procurement")
INDUSTRIES = ("Machinery", "Logistics", "Food & Beverage", "Retail", "Healthcare", "Energy")


def write(folder: Path, contacts: int = 10_000) -> tuple[Path, Path]:
    """The two files in `folder`; (companies.csv, contacts.csv)."""
    rng = random.Random(12)
    folder.mkdir(parents=True, exist_ok=True)
    companies = [(5000 + n, f"Company {n:05d} {rng.choice(LAST)}") for n in range(max(1, contacts // 10))]
    companies_csv = folder / "companies.csv"
    with companies_csv.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(["Record ID", "Company name", "Create Date", "Lifecycle Stage", "Industry", "City"])
        for record_id, name in companies:
            created = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 18):02d}:12"
            stage = rng.choice(("Customer", "Lead", "Opportunity"))
            writer.writerow([record_id, name, created, stage, rng.choice(INDUSTRIES), "Berlin"])
    contacts_csv = folder / "contacts.csv"
    with contacts_csv.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow([
            "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Job Title",
            "Contact owner", "Associated Company", "Associated Company IDs", "Create Date", "Lifecycle Stage",
        ])  # fmt: skip
        for n in range(contacts):
            company_id, company = companies[n % len(companies)]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            writer.writerow([
                90000 + n, first, f"{last}-{n}", f"{first.lower()}.{n}@example.com",
                f"+49 30 {rng.randint(1000, 9999)} {n % 100:02d}", f"+49 170 {rng.randint(100, 999)} {n:05d}",
                rng.choice(ROLES), "Jana Weiss", company, company_id,
                f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 09:{n % 60:02d}", "Customer",
            ])  # fmt: skip
    return companies_csv, contacts_csv


if __name__ == "__main__":
    print(*write(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000))
