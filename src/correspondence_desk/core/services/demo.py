"""A fictional but realistic example: bodies, contacts, a committee report and a draft response.

Everything here is invented for this project (people, bodies and addresses included). Loading it
twice adds nothing the second time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from correspondence_desk.core.records import Addressee, DemoResult, NewRecommendation, NewResponse
from correspondence_desk.core.vocabulary import AddresseeRole, Marking, Position

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

REPORT_REFERENCE = "TEC-2026-04"
LETTER_REFERENCE = "CTA/TEC/2026/017"

BODIES = [
    # name, short name, aliases, is_own
    ("Capital Transport Authority", "CTA", ["the Authority", "Capital Transport"], True),
    ("Mayor of London", "the Mayor", ["the Mayor", "Mayor"], False),
    ("Greater London Authority", "GLA", ["City Hall"], False),
    ("London Councils", "London Councils", ["the boroughs", "London boroughs"], False),
    ("His Majesty's Government", "the Government", ["the Government", "HM Government", "Ministers"], False),
    ("Department for Transport", "DfT", ["the Department"], False),
    ("River Thames Conservancy Trust", "the Conservancy", ["RTCT", "the Trust"], False),
]

CONTACTS = [
    dict(
        name="Priya Castellano",
        post_nominals="AM",
        job_title="Chair, Transport and Environment Committee",
        organisation="London Assembly",
        address="Assembly Secretariat\nRiverside Civic Hall\n12 Wharfside Lane\nLondon\nE20 9QZ",
        email="tec.secretariat@example.org",
        salutation="Priya",
    ),
    dict(
        name="Dr Owain Pritchard",
        post_nominals="OBE",
        job_title="Director of Network Strategy",
        organisation="Capital Transport Authority",
        address="Capital Transport Authority\n5 Gatehouse Yard\nLondon\nSE1 7XY",
        email="owain.pritchard@cta.example.org",
        salutation="",
    ),
    dict(
        name="Cllr Elin Tŵr",
        post_nominals="",
        job_title="Executive Member for Transport",
        organisation="London Councils",
        address="London Councils\n40 Meridian Row\nLondon\nSE1 0QQ",
        email="elin.twr@example.org",
        salutation="Elin",
    ),
]

COMMITTEE = ("Transport and Environment Committee", "Assembly committee")
REPORT_TITLE = "Cleaner air at the school gate: tackling traffic pollution around London's schools"
PUBLISHED = dt.date(2026, 9, 15)

# label, paragraphs, addressees [(body short name, role)], deadline, deadline phrase, paragraph ref
RECOMMENDATIONS = [
    (
        "1",
        [
            "By the end of March 2027, the Capital Transport Authority, in partnership with London Councils, "
            "should publish a map of every primary school within 150 metres of a road carrying more than "
            "10,000 vehicles a day, with the latest measured nitrogen dioxide levels at each site."
        ],
        [("CTA", AddresseeRole.LEAD), ("London Councils", AddresseeRole.PARTNER)],
        dt.date(2027, 3, 31),
        "By the end of March 2027",
        "4.12",
    ),
    (
        "2",
        [
            "The Mayor should extend the School Streets grant to every borough that asks for it, and publish "
            "the criteria used to award it.",
            "As part of this, the Mayor should report annually to the Committee on the number of School "
            "Streets in operation and the change in pupils' exposure to traffic fumes.",
        ],
        [("the Mayor", AddresseeRole.LEAD)],
        None,
        "",
        "4.20",
    ),
    (
        "3",
        [
            "The Capital Transport Authority should complete the retrofit of its remaining diesel buses "
            "serving routes that pass within 200 metres of a school by 31 December 2026."
        ],
        [("CTA", AddresseeRole.LEAD)],
        dt.date(2026, 12, 31),
        "by 31 December 2026",
        "5.3",
    ),
    (
        "4",
        [
            "The Government should give local authorities the power to enforce anti-idling rules outside "
            "schools with fixed penalty notices of at least £100, and fund the wardens needed to do so."
        ],
        [("the Government", AddresseeRole.LEAD)],
        None,
        "",
        "5.9",
    ),
    (
        "5",
        [
            "Within six months of this report, the Capital Transport Authority should trial real-time air "
            "quality displays at ten bus stops near schools, and evaluate whether they change how families "
            "travel to school.",
            "The evaluation should be published in full, including the cost of the displays and the data "
            "they collect, so that boroughs can decide whether to adopt them.",
        ],
        [("CTA", AddresseeRole.LEAD)],
        dt.date(2027, 3, 15),
        "Within six months",
        "5.14",
    ),
    (
        "6",
        [
            "London Councils should agree a common approach to 'no idling' signage and enforcement across "
            "all 33 local authorities, so that drivers meet the same rules in every borough."
        ],
        [("London Councils", AddresseeRole.LEAD)],
        None,
        "",
        "6.2",
    ),
    (
        "7",
        [
            "The Mayor, working with the Capital Transport Authority, should set a target date for every "
            "school in Greater London to be served by a safe, signed cycling or walking route, and report on "
            "progress within the next year."
        ],
        [("the Mayor", AddresseeRole.LEAD), ("CTA", AddresseeRole.PARTNER)],
        dt.date(2027, 9, 15),
        "within the next year",
        "6.7",
    ),
    (
        "8",
        [
            "The Capital Transport Authority should publish, by spring 2027, a costed plan for moving the "
            "river bus fleet to zero-emission vessels, with the River Thames Conservancy Trust's views on "
            "the moorings and charging points it would need.",
            "The plan should say which routes will change first and what the Authority expects the fare "
            "impact to be — if any — for families using the river bus for the school run.",
        ],
        [("CTA", AddresseeRole.LEAD), ("the Conservancy", AddresseeRole.PARTNER)],
        dt.date(2027, 5, 31),
        "by spring 2027",
        "7.4",
    ),
    (
        "9",
        [
            "The Department for Transport should publish national guidance on school-gate air quality "
            "monitoring, so that results in London can be compared with those elsewhere in England and Wales."
        ],
        [("DfT", AddresseeRole.LEAD)],
        None,
        "",
        "7.11",
    ),
]

NOTED = "We note that this recommendation is directed at {addressee}."

RESPONSES = {
    "1": (
        Position.ACCEPTED,
        "The Authority accepts this recommendation. We already hold monitoring data for 240 of the "
        "schools concerned and will work with London Councils to fill the gaps, publishing the map "
        "on our open data portal by the end of March 2027.",
    ),
    "2": (
        Position.NOTED,
        NOTED + "\n\nThe Authority will continue to support boroughs' School Streets schemes through our "
        "network management powers & traffic orders, and will share the data we collect with the Mayor.",
    ),
    "3": (
        Position.ACCEPTED_IN_PART,
        "Retrofit of 412 of the 468 buses concerned is complete. The remaining 56 vehicles are due to "
        "be replaced by new zero-emission buses, and the last of these will enter service in February "
        "2027 rather than December 2026.\n\nWe will write to the Committee when the work is complete.",
    ),
    "4": (
        Position.NOTED,
        NOTED + " The Authority would welcome clearer national powers on idling and will share its "
        "evidence with the Department for Transport.",
    ),
    "5": (
        Position.ACCEPTED_IN_PRINCIPLE,
        "We agree that families should have clear, local information about air quality. We will trial "
        "displays at ten stops from January 2027, subject to the agreement of the boroughs concerned, "
        "and will publish the evaluation in full.",
    ),
    "6": (Position.NOTED, NOTED),
    "7": (
        Position.UNDER_CONSIDERATION,
        "The Authority is working with the Mayor's team on the scope of a school-routes target and will "
        "set out its part in the next update of the Healthy Streets delivery plan.",
    ),
    "8": (
        Position.NOT_ACCEPTED,
        "The river bus fleet is operated under a concession that runs until 2031, and the Authority "
        "cannot commit to a costed transition plan before the concession is re-let. We will, however, "
        "make zero-emission vessels a requirement of the next concession.",
    ),
    "9": (Position.NOTED, "We note that this recommendation is directed at the Department for Transport."),
}

LETTER_BODY = (
    "Thank you for the Committee's report on traffic pollution around London's schools, published on "
    "15 September 2026. I am grateful to Members for their work on an issue that matters to every "
    "family in the capital.\n\n"
    "Several of the recommendations are directed at the Mayor, London Councils or the Government rather "
    "than at the Authority. Where that is the case we have said so, and set out how we will support "
    "them. Our response to each recommendation is in the annex to this letter."
)


def fill_placeholders(text: str, addressee: str) -> str:
    return text.replace("{addressee}", addressee)


def load_demo(services: Services) -> DemoResult:
    """Add the example (bodies, contacts, committee, report, draft letter) unless it is there.

    All of it in one transaction: a demo stopped half-way (killed, disk full) leaves nothing, and
    two at once add it once."""
    from correspondence_desk.core.errors import ReadOnlyError
    from correspondence_desk.core.guards import lock_session

    if services.db.read_only:
        raise ReadOnlyError(f"{services.db.read_only_reason}; the example cannot be added.")
    with services.db.transaction() as session:
        lock_session(session)
        return _load_demo(services)


def _load_demo(services: Services) -> DemoResult:
    existing = {x.reference: x.id for x in services.reports.list(REPORT_REFERENCE)}
    if REPORT_REFERENCE in existing:
        report = services.reports.get(existing[REPORT_REFERENCE])
        letter = services.letters.get(LETTER_REFERENCE)
        return DemoResult(report, letter, added=False)

    bodies = {}
    for name, short, aliases, own in BODIES:
        body = services.bodies.find(name) or services.bodies.create(
            name=name, short_name=short, aliases=aliases, is_own=own
        )
        bodies[short] = body
    contacts = []
    for values in CONTACTS:
        found = services.contacts.find_person(values["name"], values["organisation"])
        contacts.append(found or services.contacts.create(**values))
    chair, director, _ = contacts
    services.composing.standard_lines()  # the shipped library, if the office has none yet
    if services.letterhead.get() is None:
        from correspondence_desk.core.printing.samples import sample_letterhead

        # the example office marks nothing by default (its letter is public correspondence)
        head = dataclasses.replace(sample_letterhead(), marking=Marking.NONE)
        services.letterhead.save(head, short_name="CTA")
    committee = services.committees.ensure(*COMMITTEE)

    recs = [
        NewRecommendation(
            label=label,
            text="\n\n".join(paras),
            paragraph_ref=ref,
            addressees=[Addressee(bodies[short].id, role) for short, role in who],
            deadline=deadline,
            deadline_phrase=phrase,
            owner="Network Strategy" if who[0][0] == "CTA" else "",
        )
        for label, paras, who, deadline, phrase, ref in RECOMMENDATIONS
    ]
    report = services.reports.create(
        reference=REPORT_REFERENCE,
        title=REPORT_TITLE,
        committee=committee.name,
        published=PUBLISHED,
        received=PUBLISHED + dt.timedelta(days=1),
        response_due=dt.date(2026, 11, 15),
        response_clock="Two months from publication",
        recommendations=recs,
    )
    responses = []
    for rec in report.recommendations:
        position, text = RESPONSES[rec.label]
        lead = rec.lead_addressees[0]
        addressee = lead.short_name if lead.short_name.startswith("the ") else lead.name
        responses.append(NewResponse(rec.id, fill_placeholders(text, addressee), position))
    letter = services.letters.create(
        reference=LETTER_REFERENCE,
        letter_date=dt.date(2026, 11, 12),
        sender_id=director.id,
        recipient_id=chair.id,
        subject=f"Response to the Committee's report: {REPORT_TITLE}",
        salutation=f"Dear {chair.greeting_name},",
        body=LETTER_BODY,
        copy_list="Cllr Elin Tŵr, Executive Member for Transport, London Councils\n"
        "Assembly Secretariat, Transport and Environment Committee",
        responses=responses,
    )
    return DemoResult(report, letter, added=True)
