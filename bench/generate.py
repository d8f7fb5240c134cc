"""Build a large, realistic, fictional database for measuring speed at scale.

    python bench/generate.py --db /tmp/big.sqlite3 --reports 10000
    python bench/generate.py --db postgresql+psycopg://desk@/bench?host=/tmp/pg --reports 10000

Each report gets ten recommendations (addressees, some deadlines, positions and progress) and most
reports a response letter answering them: about 70% issued, the rest draft or cleared. Dates spread
over the last six years and the next few months, so the dashboard has overdue and due-soon work.
Rows go in with SQLAlchemy Core bulk inserts over a database opened (and migrated) by the app itself,
so the result is exactly what the app would open. The same --seed gives the same database, on
SQLite (a new file) or PostgreSQL (an empty database named by a URL), ids included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert, text

from correspondence_desk.core import model as m
from correspondence_desk.core.db import open_database
from correspondence_desk.paths import DatabaseLocation, location_for

RECS_PER_REPORT = 10
CHUNK = 5000

COMMITTEES = [
    ("Transport and Environment Committee", "Assembly committee"),
    ("Housing Committee", "Assembly committee"),
    ("Health and Social Care Committee", "Assembly committee"),
    ("Economy, Skills and Culture Committee", "Assembly committee"),
    ("Police and Crime Committee", "Assembly committee"),
    ("Budget and Performance Committee", "Assembly committee"),
    ("Planning and Regeneration Committee", "Assembly committee"),
    ("Public Accounts Committee", "Select committee"),
    ("Environmental Audit Committee", "Select committee"),
    ("Science, Innovation and Technology Committee", "Select committee"),
    ("Inspectorate of Public Transport", "Inspectorate"),
    ("Fire and Rescue Inspectorate", "Inspectorate"),
]
CLOCKS = {"Select committee": "two_months", "Inspectorate": "56_days", "Assembly committee": "two_months"}

BODIES = [
    ("Capital Transport Authority", "CTA", True),
    ("Mayor of London", "the Mayor", False),
    ("Greater London Authority", "GLA", False),
    ("London Councils", "London Councils", False),
    ("His Majesty's Government", "the Government", False),
    ("Department for Transport", "DfT", False),
    ("Department of Health and Social Care", "DHSC", False),
    ("River Thames Conservancy Trust", "the Conservancy", False),
    ("Metropolitan Fire Service", "MFS", False),
    ("Office for Rail and Road", "ORR", False),
    ("Ministry of Housing, Communities and Local Government", "MHCLG", False),
    ("National Health Service England", "NHS England", False),
    ("Port of Thameside Authority", "PTA", False),
    ("Canal and Towpath Trust", "CTT", False),
]

SUBJECTS = [
    "air quality around schools",
    "step-free access at stations",
    "bus route reliability",
    "river bus services",
    "cycle parking at interchanges",
    "night-time economy transport",
    "affordable housing delivery",
    "temporary accommodation",
    "fire safety in tall buildings",
    "flood resilience",
    "electric vehicle charging",
    "road danger reduction",
    "freight consolidation",
    "accessible taxis",
    "ticketing and fares",
    "tree canopy cover",
    "noise from construction",
    "digital connectivity underground",
    "workforce wellbeing",
    "apprenticeships in engineering",
    "winter resilience",
    "asset maintenance backlog",
    "data transparency",
    "community safety on trams",
    "heat risk on the Underground",
    "school travel plans",
    "pedestrian crossings",
    "coach parking",
]
TITLE_FORMS = [
    "Getting it right: {s}",
    "A fairer deal on {s}",
    "Delivering {s} in London",
    "Review of {s}",
    "Inspection of {s}",
    "{S}: progress and next steps",
    "Lessons learned on {s}",
    "Closing the gap on {s}",
]
VERBS = [
    "publish",
    "review",
    "fund",
    "trial",
    "set a target for",
    "consult on",
    "report annually on",
    "evaluate",
    "extend",
    "agree a common approach to",
    "commission an independent review of",
]
OBJECTS = [
    "a costed plan for",
    "the data it holds on",
    "a timetable for improving",
    "new guidance on",
    "the criteria used to prioritise",
    "a pilot scheme covering",
    "a register of",
    "a map of",
    "the budget allocated to",
    "clear standards for",
]
TAILS = [
    "so that Londoners can see what has changed.",
    "and share the results with the Committee.",
    "working with the boroughs concerned.",
    "before the next budget round.",
    "including the views of disabled passengers.",
    "with a named senior officer responsible.",
    "and explain any delays in its next annual report.",
    "so that results can be compared across England.",
]
DEADLINE_PHRASES = ["within six months", "by the end of March", "within the next year", "by spring", ""]
RESPONSE_OPENERS = {
    m.Position.ACCEPTED: "The Authority accepts this recommendation.",
    m.Position.ACCEPTED_IN_PART: "The Authority accepts this recommendation in part.",
    m.Position.ACCEPTED_IN_PRINCIPLE: "The Authority accepts this recommendation in principle.",
    m.Position.NOT_ACCEPTED: "The Authority does not accept this recommendation.",
    m.Position.NOTED: "We note that this recommendation is directed at another body.",
    m.Position.UNDER_CONSIDERATION: "The Authority is considering this recommendation.",
}
POSITION_WEIGHTS = [35, 15, 15, 8, 17, 10]


def _sentence(rng: random.Random, subject: str, lead: str) -> str:
    return (
        f"{lead} should {rng.choice(VERBS)} {rng.choice(OBJECTS)} {subject}, "
        f"{rng.choice(TAILS)[:-1]}, by {rng.choice(['March', 'June', 'September', 'December'])} "
        f"{rng.randint(2021, 2028)}."
    )


def _subject_of(body: str) -> str:
    if body == "Mayor of London":
        return "The Mayor"
    return body if body.startswith("His ") else f"The {body}"


def _new_database(target: str | Path) -> DatabaseLocation:
    location = location_for(target)
    if location.path is not None and location.path.exists():
        raise SystemExit(f"{location.path} already exists; choose a new file (nothing was changed).")
    return location


def generate(
    db_path: str | Path, reports: int, seed: int = 7, today: dt.date | None = None
) -> dict[str, int]:
    """Fill a new database (a new SQLite file, or an empty PostgreSQL database); return row counts."""
    location = _new_database(db_path)
    rng = random.Random(seed)
    today = today or dt.date.today()
    now = dt.datetime.combine(today, dt.time(9, 0))
    db = open_database(location)
    sqlite = location.is_sqlite
    counts: dict[str, int] = {}
    try:
        with db.engine.begin() as conn:
            if not sqlite:
                held = conn.execute(text("SELECT count(*) FROM reports")).scalar_one()
                if held:
                    raise SystemExit(f"{location} already holds {held:,} reports; use an empty database.")
            triggers = []
            if sqlite:
                # One big transaction with relaxed durability: this is a throw-away benchmark file.
                conn.exec_driver_sql("PRAGMA synchronous=OFF")
                # Full-text triggers fire per row; drop them for the load, rebuild the index once after.
                triggers = conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND name LIKE 'search_%'"
                ).all()
            for name, _sql in triggers:
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            conn.execute(
                insert(m.Committee),
                [{"id": i, "name": n, "kind": k, "version_id": 1} for i, (n, k) in enumerate(COMMITTEES, 1)],
            )
            conn.execute(
                insert(m.Body),
                [
                    {"id": i, "name": n, "short_name": s, "aliases": [], "is_own": own, "version_id": 1}
                    for i, (n, s, own) in enumerate(BODIES, 1)
                ],
            )
            conn.execute(
                insert(m.Contact),
                [
                    {
                        "id": 1,
                        "name": "Dr Morwenna Fairclough",
                        "job_title": "Commissioner",
                        "organisation": "Capital Transport Authority",
                        "body_id": 1,
                        "post_nominals": "",
                        "address": "Capital Transport Authority\n5 Gatehouse Yard\nLondon\nSE1 7XY",
                        "salutation": "",
                        "version_id": 1,
                    },
                    {
                        "id": 2,
                        "name": "Tobias Okonkwo-Reyes",
                        "post_nominals": "AM",
                        "job_title": "Chair of the Committee",
                        "organisation": "London Assembly",
                        "body_id": None,
                        "address": "Riverside Civic Hall\n12 Wharfside Lane\nLondon\nE20 9QZ",
                        "salutation": "Tobias",
                        "version_id": 1,
                    },
                ],
            )
            report_rows, rec_rows, addr_rows, letter_rows, resp_rows = [], [], [], [], []
            update_rows: list[dict[str, object]] = []  # progress updates, flushed with the responses
            rec_id = resp_id = letter_id = 0
            span = 6 * 365
            for rid in range(1, reports + 1):
                committee_id = rng.randint(1, len(COMMITTEES))
                kind = COMMITTEES[committee_id - 1][1]
                published = today - dt.timedelta(days=int(span * rng.random() ** 1.5) - 20)
                due = published + dt.timedelta(days=56 if kind == "Inspectorate" else 61)
                subject = rng.choice(SUBJECTS)
                form = rng.choice(TITLE_FORMS)
                title = form.format(s=subject, S=subject.capitalize())
                letter_state = rng.random()
                has_letter = published < today - dt.timedelta(days=20) and letter_state < 0.93
                issued = has_letter and letter_state < 0.78
                status = m.ReportStatus.RESPONDED if issued else m.ReportStatus.OPEN
                report_rows.append(
                    {
                        "id": rid,
                        "reference": f"R-{published.year}-{rid:05d}",
                        "title": f"{title} ({rid})",
                        "committee_id": committee_id,
                        "published": published,
                        "received": published + dt.timedelta(days=rng.randint(0, 3)),
                        "response_due": due,
                        "response_clock": CLOCKS[kind],
                        "status": status,
                        "notes": "",
                        "created_at": now,
                        "version_id": 1,
                    }
                )
                if has_letter:
                    letter_id += 1
                    letter_status = (
                        m.LetterStatus.ISSUED
                        if issued
                        else rng.choice([m.LetterStatus.DRAFT, m.LetterStatus.CLEARED])
                    )
                    letter_date = min(due - dt.timedelta(days=rng.randint(-10, 20)), today)
                    letter_rows.append(
                        {
                            "id": letter_id,
                            "reference": f"CTA/{published.year}/{letter_id:05d}",
                            "letter_date": letter_date if issued else None,
                            "sender_id": 1,
                            "recipient_id": 2,
                            "subject": f"Response to the report: {title}",
                            "salutation": "Dear Tobias,",
                            "body": (
                                f"Thank you for the Committee's report on {subject}, published on "
                                f"{published:%d %B %Y}. Our response to each recommendation is in the annex."
                            ),
                            "closing": "Yours sincerely,",
                            "copy_list": "",
                            "marking": m.Marking.NONE,
                            "annex_layout": "list",
                            "status": letter_status,
                            "imported": False,
                            "issued_at": dt.datetime.combine(letter_date, dt.time(16, 0)) if issued else None,
                            "issued_sha256": "",
                            "created_at": now,
                            "version_id": 1,
                        }
                    )
                for n in range(1, RECS_PER_REPORT + 1):
                    rec_id += 1
                    lead = rng.randint(1, len(BODIES))
                    lead_name = BODIES[lead - 1][0]
                    position = rng.choices(list(m.Position), POSITION_WEIGHTS)[0] if has_letter else None
                    progress = None
                    if position in (m.Position.ACCEPTED, m.Position.ACCEPTED_IN_PART) and issued:
                        progress = rng.choice(list(m.Progress))
                    deadline = None
                    if rng.random() < 0.4:
                        deadline = published + dt.timedelta(days=rng.randint(60, 720))
                    rec_rows.append(
                        {
                            "id": rec_id,
                            "report_id": rid,
                            "label": str(n),
                            "sort_order": n,
                            "text": _sentence(rng, subject, _subject_of(lead_name)),
                            "paragraph_ref": f"{rng.randint(2, 9)}.{rng.randint(1, 30)}",
                            "deadline": deadline,
                            "deadline_phrase": rng.choice(DEADLINE_PHRASES) if deadline else "",
                            "owner": rng.choice(
                                ["", "Network Strategy", "Policy Unit", "Estates", "Finance"]
                            ),
                            "position": position,
                            "progress": progress,
                            "response_due": None,
                            "target_date": None,
                            "version_id": 1,
                        }
                    )
                    addr_rows.append(
                        {
                            "recommendation_id": rec_id,
                            "body_id": lead,
                            "role": m.AddresseeRole.LEAD,
                            "sort_order": 0,
                        }
                    )
                    if rng.random() < 0.25:
                        partner = lead % len(BODIES) + 1
                        addr_rows.append(
                            {
                                "recommendation_id": rec_id,
                                "body_id": partner,
                                "role": m.AddresseeRole.PARTNER,
                                "sort_order": 1,
                            }
                        )
                    if progress is not None:
                        update_rows += _updates(rng, rec_id, progress, letter_date, today, now)
                    if has_letter:
                        resp_id += 1
                        resp_rows.append(
                            {
                                "id": resp_id,
                                "letter_id": letter_id,
                                "recommendation_id": rec_id,
                                "sort_order": n,
                                "position": position,
                                "text": f"{RESPONSE_OPENERS[position]} "
                                f"We will {rng.choice(VERBS)} {rng.choice(OBJECTS)} {subject} "
                                f"{rng.choice(TAILS)}",
                                "version_id": 1,
                            }
                        )
                if len(rec_rows) >= CHUNK:
                    _flush(conn, report_rows, rec_rows, addr_rows, letter_rows, resp_rows, update_rows)
            _flush(conn, report_rows, rec_rows, addr_rows, letter_rows, resp_rows, update_rows)
            for fts in {name.rsplit("_", 1)[0] for name, _sql in triggers}:
                conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            for _name, sql in triggers:
                conn.exec_driver_sql(sql)
            if not sqlite:  # the ids were given: the sequences carry on after them
                for table in (
                    "committees",
                    "bodies",
                    "contacts",
                    "reports",
                    "recommendations",
                    "letters",
                    "responses",
                ):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table}), 1))"
                    )
            if sqlite:
                conn.exec_driver_sql("ANALYZE")
            for table in ("reports", "recommendations", "letters", "responses", "progress_updates"):
                counts[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        if not sqlite:  # outside the transaction: the planner's statistics for the search indexes
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
    finally:
        db.close()
    return counts


UPDATE_TEXTS = [
    "Work is under way and on track for the target date.",
    "The first phase is complete; the second has started.",
    "Delayed while funding is confirmed in the budget round.",
    "Consultation closed; responses are being analysed.",
    "Complete: published and reported to the Committee.",
]


def _updates(rng, rec_id, progress, responded, today, now) -> list[dict[str, object]]:
    """One to three dated progress updates since the response, the last giving the current progress."""
    span = max((today - responded).days, 0)
    days = sorted(rng.randint(0, span) for _ in range(rng.randint(1, 3)))
    rows = []
    for i, offset in enumerate(days):
        last = i == len(days) - 1
        state = progress if last else rng.choice([m.Progress.RED, m.Progress.AMBER, m.Progress.GREEN])
        day = responded + dt.timedelta(days=offset)
        rows.append(
            {
                "recommendation_id": rec_id,
                "update_date": day,
                "progress": state,
                "text": rng.choice(UPDATE_TEXTS),
                "owner": "",
                "target_date": None,
                "previous_target_date": None,
                "reason": "",
                "completed_on": day if state is m.Progress.COMPLETE else None,
                "recorded_by": "bench",
                "recorded_at": now,
                "source": m.UpdateSource.TYPED,
                "source_ref": None,
                "source_sha256": "",
            }
        )
    return rows


def _flush(conn, reports, recs, addressees, letters, responses, updates) -> None:
    # Parents first so foreign keys hold at every statement.
    for table, rows in (
        (m.Report, reports),
        (m.Letter, letters),
        (m.Recommendation, recs),
        (m.RecommendationAddressee, addressees),
        (m.Response, responses),
        (m.ProgressUpdate, updates),
    ):
        if rows:
            conn.execute(insert(table), rows)
            rows.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", required=True, help="a new SQLite file to create, or an empty PostgreSQL database's URL"
    )
    parser.add_argument(
        "--reports", type=int, default=10_000, help="how many reports (10 recommendations each)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = generate(args.db, args.reports, args.seed)
    took = time.perf_counter() - start
    print(", ".join(f"{n:,} {t}" for t, n in counts.items()) + f" in {took:.1f} s → {location_for(args.db)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
