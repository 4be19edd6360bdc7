"""Tagged PDF: the structure model, marked content on the pages, the tree built from the story,
and its writing (with the metadata) into reportlab's document as it saves."""
