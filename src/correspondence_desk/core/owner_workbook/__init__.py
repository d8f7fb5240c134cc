"""Owners' round-trip workbooks: an .xlsx of open recommendations for the teams who own them, to
fill in offline and send back. Pure functions of records and bytes (no database): layout.py (the
columns and the checks both ends share), writer.py (XlsxWriter: drop-downs, date validation, a
protected sheet with unlocked answer cells), reader.py (openpyxl)."""
