"""The ``import`` command: an article page saved from the clinic's site becomes a guide folder."""

# ``page`` reads and cleans the saved HTML (lxml: chrome, hidden and active content removed, the
# disclaimer taken apart), ``extract`` finds the main content with trafilatura and turns it into
# Markdown chapters, ``command`` writes the guide (or shows what changed in an existing one).
