"""The check stage: a parsed ``Document`` and its configuration → every problem, with its line.
Runs before any layout library loads; never imports reportlab."""
