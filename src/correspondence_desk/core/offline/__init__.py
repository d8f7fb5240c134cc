"""Offline copies: take some reports away to a laptop, work there, bring the changes back.

    records.py   what a checkout and a check-in report (frozen; the UI and the CLI read these)
    rows.py      which tables travel, how a row is keyed, compared and named
    checkout.py  server → a new SQLite copy, with each record's values as taken (the merge base)
    merge.py     the three-way comparison, record by record and field by field; its steps in
                 merge_state.py (the three sides, what is decided), merge_deletions.py,
                 merge_letters.py (issued letters), merge_writes.py (applying, adding, remapping ids)
    checkin.py   copy → server in one transaction: applies, reports conflicts, appends the audit
    sealing.py   a copy sealed at rest with a passphrase (AES-256-GCM, scrypt)

The copy is an ordinary desk (same schema, same ids as the server for what it holds) plus
`offline_origin` and `offline_base`; the server keeps `offline_copies` for its notices and so that a
copy is never brought back twice.
"""
