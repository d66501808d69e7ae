"""Plain-Python value types, enumerations and rules. No Qt, no database session."""
