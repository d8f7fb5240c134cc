"""Files made from the database for other programs: the tracker (CSV, XLSX) and a calendar (.ics)."""

from correspondence_desk.core.printing import quick_start

quick_start.install()  # the PDF exports import ReportLab before the printing package
