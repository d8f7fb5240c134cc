"""Files made from the database for other programs: the tracker (CSV, XLSX) and a calendar (.ics)."""
