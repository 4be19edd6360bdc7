"""What a saved page shows of the clinic's own site (address, booking link, e-mail, phone),
for the new guide's guide.toml in place of placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

_BOOKING = re.compile(r"\b(?:book|booking|appointments?|schedule|request)\b", re.I)


def site_details(
    body: lxml.html.HtmlElement, canonical: str, text_of: Callable[[lxml.html.HtmlElement], str]
) -> dict[str, str]:
    """What the whole page (menus and footer included) shows of the clinic's own site: its
    address (from the canonical one), a booking link, an e-mail address and a phone number on
    that site; only what the page shows."""
    host = (urlsplit(canonical).hostname or "").lower()
    if not host:
        return {}
    site = host.removeprefix("www.")
    found = {"website": f"{urlsplit(canonical).scheme}://{host}"}
    for link in body.iter("a"):
        href, words = (link.get("href") or "").strip(), text_of(link)
        lower = href.lower()
        if lower.startswith("tel:") and words:
            found.setdefault("phone", words)
        elif lower.startswith("mailto:"):
            address = unquote(urlsplit(href).path).strip()
            if address.lower().endswith("@" + site):
                found.setdefault("email", address)
        elif href and not lower.startswith(("#", "javascript:")):
            url = urljoin(canonical, href)
            parts = urlsplit(url)
            if (
                parts.scheme in ("http", "https")
                and (parts.hostname or "").lower().removeprefix("www.") == site
                and _BOOKING.search(f"{parts.path} {words}")
            ):
                query = "&".join(
                    q for q in parts.query.split("&") if q and not q.lower().startswith("utm_")
                )
                found.setdefault("booking", parts._replace(query=query, fragment="").geturl())
    return found
