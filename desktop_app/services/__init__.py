"""Use cases. One function call is one unit of work (one transaction)."""
