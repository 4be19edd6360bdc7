"""Layout: the document model → reportlab flowables on pages, laid out in one pass."""
