"""The XMP metadata packet (Dublin Core, XMP basic, PDF, and the guide's version fields)."""

from __future__ import annotations

import re

from guide.config.schema import GuideConfig
from guide.edition import Edition

# What XML 1.0 cannot hold at all, even escaped. guide.toml's strings arrive cleaned of control
# characters (guide.sources.clean_text); this keeps the packet well-formed whatever it is given.
# Written as the few ranges it refuses: the same set as "[^\t\n\r\x20-\ud7ff\ue000-\ufffd
# \U00010000-\U0010ffff]" (a test compares every code point), which took 17 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data: what ``xml.sax.saxutils.escape`` does, without importing
    it (it pulls in urllib and http: about 25 ms of a cold start), and without the characters
    XML refuses."""
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(config: GuideConfig, edition: Edition, creator: str, producer: str) -> bytes:
    """The XMP metadata packet (Dublin Core, PDF/UA identification, dates)."""
    date = f"{edition.date}T00:00:00Z"
    keywords = escape(", ".join(config.keywords))
    subject_items = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in config.keywords)
    # An edition in another language names its original (guide.toml translation_of).
    original = (
        f"\n   <guide:translationOf>{escape(config.translation_of)}</guide:translationOf>"
        if config.translation_of
        else ""
    )
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:guide="https://example.com/ns/guide-builder/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(config.title)}</rdf:li>
     </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(config.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
     <rdf:li xml:lang="x-default">{escape(config.subtitle)}</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>{subject_items}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>{escape(config.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
   <guide:version>{escape(edition.version)}</guide:version>
   <guide:fingerprint>{escape(edition.fingerprint)}</guide:fingerprint>
   <guide:draft>{str(edition.draft).lower()}</guide:draft>{original}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")
