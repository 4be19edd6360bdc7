"""The render stage: document model + brand → PDF bytes. The only package that imports reportlab."""
