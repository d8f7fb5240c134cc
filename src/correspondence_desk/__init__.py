"""Correspondence Desk: answer committee reports, recommendation by recommendation."""

__version__ = "0.1.0"
APP_NAME = "Correspondence Desk"
