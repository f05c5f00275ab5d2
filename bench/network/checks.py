"""After the run, asked of the database as its owner (who sees every centre): nothing crossed
between centres, and the rules that decide seats, places and codes held.

Each check is a query counting the rows that break it; every count must be 0."""

from __future__ import annotations

from sqlalchemy import Engine, text

CHECKS: dict[str, str] = {
    "an enrollment in another centre's session": """
        SELECT count(*) FROM enrollments e
        JOIN training_sessions ts ON ts.id = e.session_id
        WHERE ts.centre_id <> e.centre_id""",
    "a session of another centre's course": """
        SELECT count(*) FROM training_sessions ts
        JOIN trainings t ON t.id = ts.training_id
        WHERE t.centre_id <> ts.centre_id""",
    "an enrollment of a woman not registered at its centre": """
        SELECT count(*) FROM enrollments e WHERE NOT EXISTS (
            SELECT 1 FROM member_registrations r
            WHERE r.member_id = e.member_id AND r.centre_id = e.centre_id)""",
    "a session over its seats, or its count not its seated sign-ups": """
        SELECT count(*) FROM training_sessions ts
        WHERE ts.seats_taken > ts.seats OR ts.seats_taken <> (
            SELECT count(*) FROM enrollments e WHERE e.session_id = ts.id
            AND e.status IN ('enrolled', 'attended', 'no_show'))
        OR ts.childcare_taken <> (
            SELECT coalesce(sum(e.childcare_reserved), 0) FROM enrollments e
            WHERE e.session_id = ts.id AND e.status IN ('enrolled', 'attended', 'no_show'))""",
    "a childcare visit of another centre's child": """
        SELECT count(*) FROM childcare_visits v
        JOIN children c ON c.id = v.child_id
        WHERE c.centre_id <> v.centre_id""",
    "a childcare visit under another centre's code or volunteer": """
        SELECT count(*) FROM childcare_visits v
        JOIN pickup_codes p ON p.id = v.pickup_code_id
        LEFT JOIN staff_users s ON s.id = v.checked_in_by_id
        LEFT JOIN staff_users o ON o.id = v.checked_out_by_id
        WHERE p.centre_id <> v.centre_id OR s.centre_id <> v.centre_id
        OR o.centre_id <> v.centre_id""",
    "a child at a centre where her mother is not registered": """
        SELECT count(*) FROM children c WHERE NOT EXISTS (
            SELECT 1 FROM member_registrations r
            WHERE r.member_id = c.guardian_id AND r.centre_id = c.centre_id)""",
    "a pickup code given twice in a centre's day": """
        SELECT count(*) FROM (
            SELECT centre_id, day, code FROM pickup_codes
            GROUP BY centre_id, day, code HAVING count(*) > 1) twice""",
    "a child in the room twice": """
        SELECT count(*) FROM (
            SELECT child_id FROM childcare_visits WHERE checked_out_at IS NULL
            GROUP BY child_id HAVING count(*) > 1) twice""",
    # The room's record, in the order the room's lock let each check-in and check-out through
    # (its rows' numbers are drawn inside the lock): the children inside after each one.
    "more children in a room than its places": """
        WITH moves AS (
            SELECT a.centre_id, a.id,
                CASE WHEN a.action = 'childcare.check_in' THEN 1 ELSE -1 END * (
                    SELECT count(*) FROM childcare_visits v
                    WHERE v.pickup_code_id = a.subject_id) AS children
            FROM audit_events a
            WHERE a.subject_table = 'pickup_codes' AND a.action IN (
                'childcare.check_in', 'childcare.check_out',
                'childcare.check_out_without_code')
        )
        SELECT count(*) FROM (
            SELECT sum(children) OVER (PARTITION BY centre_id ORDER BY id) AS inside
            FROM moves) counted
        WHERE inside > :capacity""",
    "a check-in missing from the room's record": """
        SELECT count(*) FROM pickup_codes p WHERE NOT EXISTS (
            SELECT 1 FROM audit_events a WHERE a.action = 'childcare.check_in'
            AND a.subject_table = 'pickup_codes' AND a.subject_id = p.id
            AND a.centre_id = p.centre_id)""",
    "a help call answered by another centre's staff": """
        SELECT count(*) FROM help_requests h
        JOIN staff_users s ON s.id = h.resolved_by_id
        WHERE s.centre_id <> h.centre_id""",
    "a referral by another centre's staff, or of a woman not registered there": """
        SELECT count(*) FROM referrals f
        LEFT JOIN staff_users s ON s.id = f.staff_id
        WHERE s.centre_id <> f.centre_id OR NOT EXISTS (
            SELECT 1 FROM member_registrations r
            WHERE r.member_id = f.member_id AND r.centre_id = f.centre_id)""",
    "a listing of a woman not registered at its centre": """
        SELECT count(*) FROM trade_listings l WHERE NOT EXISTS (
            SELECT 1 FROM member_registrations r
            WHERE r.member_id = l.seller_id AND r.centre_id = l.centre_id)""",
    "a slip of another centre's sign-up, code or referral": """
        SELECT count(*) FROM vouchers s
        LEFT JOIN enrollments e ON s.subject_table = 'enrollments' AND e.id = s.subject_id
        LEFT JOIN pickup_codes p ON s.subject_table = 'pickup_codes' AND p.id = s.subject_id
        LEFT JOIN referrals f ON s.subject_table = 'referrals' AND f.id = s.subject_id
        WHERE e.centre_id <> s.centre_id OR p.centre_id <> s.centre_id
        OR f.centre_id <> s.centre_id""",
}


def crossings(engine: Engine, capacity: int) -> dict[str, int]:
    """Each check and how many rows break it (``capacity``: a room's places)."""
    with engine.connect() as conn:
        return {
            name: int(conn.execute(text(sql), {"capacity": capacity}).scalar() or 0)
            for name, sql in CHECKS.items()
        }
