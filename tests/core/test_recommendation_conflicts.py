"""A colleague's change to a recommendation is reported by the recommendation's own label."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from correspondence_desk.core.errors import ConflictError


def _third(services, demo):
    return services.reports.get(demo.report.id).recommendations[2]


def test_a_stale_version_names_the_recommendation(services, demo):
    rec = _third(services, demo)
    services.reports.update_recommendation(rec.id, version=rec.version, owner="Colleague")
    with pytest.raises(ConflictError, match=r"^Recommendation 3 was changed by someone else"):
        services.reports.update_recommendation(rec.id, version=rec.version, owner="Me")
    with pytest.raises(ConflictError, match=r"^Recommendation 3 was changed by someone else"):
        services.reports.delete_recommendation(rec.id, version=rec.version)
    assert services.reports.get_recommendation(rec.id).owner == "Colleague"


def test_a_write_landing_between_read_and_write_names_the_recommendation(services, demo):
    """The colleague saves after this edit read the row and before it writes: the version check
    passed, the UPDATE finds no row of that version (SQLAlchemy's StaleDataError)."""
    rec = _third(services, demo)
    raced: list[bool] = []

    def colleague_saves_first(session, _context, _instances) -> None:
        if not raced:
            raced.append(True)
            with services.db.engine.begin() as other:
                other.execute(
                    text(
                        "UPDATE recommendations SET owner = 'Colleague', version_id = version_id + 1 "
                        "WHERE id = :id"
                    ),
                    {"id": rec.id},
                )

    event.listen(services.db.session_factory, "before_flush", colleague_saves_first)
    try:
        with pytest.raises(ConflictError, match=r"^Recommendation 3 was changed by someone else"):
            services.reports.update_recommendation(rec.id, version=rec.version, owner="Me")
    finally:
        event.remove(services.db.session_factory, "before_flush", colleague_saves_first)
    assert raced and services.reports.get_recommendation(rec.id).owner == "Colleague"
