"""Everything PySide6: main window, pages, dialogs, table models, undo, background work."""
