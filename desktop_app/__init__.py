"""CICA Network Coordinator: the national coordinator's records of the CICA Partnership Network."""

__version__ = "0.1.0"
APP_NAME = "CICA Network Coordinator"
APP_ID = "cica-coordinator"
