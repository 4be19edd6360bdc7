"""Page furniture and the pages the builder adds: cover, contents, running header and footer,
draft watermark, closing pages and back cover."""
