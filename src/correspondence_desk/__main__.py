"""`python -m correspondence_desk`: the same entry point as the `correspondence-desk` command."""

import sys

from correspondence_desk.cli import entry_point

sys.exit(entry_point())
