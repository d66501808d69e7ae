"""The university register page, its lazy table model, the editor and the import dialog."""
