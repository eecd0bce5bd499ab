"""HTML pages: main text and metadata through trafilatura; HTML fragments to text."""

from __future__ import annotations

import re

from ...errors import NoArticleText, UnparsableInput
from ...records import RawDocument
from .dates import parse_iso_date

# Publication date only from explicit page metadata: htmldate's extensive search
# would take the first date in the body ("seized on 3 March") as the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = re.compile(r"</?(p|div|li|h[1-6]|blockquote|br|tr|section|article)\b[^>]*>", re.I)


def read_html(data: bytes, source: str, stem: str) -> RawDocument:
    """Main text and metadata of one HTML page."""
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as err:  # lxml and trafilatura raise many types on broken markup
        raise UnparsableInput(
            source, f"HTML could not be parsed ({type(err).__name__})", "check the file is an HTML page"
        ) from err
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # Without as_dict, bare_extraction gives a Document or None (no text, so rejected here).
    if not isinstance(doc, Document) or not text:
        raise NoArticleText(
            source,
            "no article text found in this HTML page",
            "save the article page itself (not an index, login or error page)",
        )
    title = (doc.title or "").strip() or None
    # trafilatura repeats the headline as the first line of the text.
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    return RawDocument(
        source=source,
        format="html",
        text=text,
        id=stem,
        title=title,
        outlet=(doc.sitename or "").strip() or None,
        author=(doc.author or "").strip() or None,
        url=doc.url or None,
        path=source,
        published=parse_iso_date(doc.date),
        published_from="meta" if doc.date else None,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed entry's body), one paragraph per line."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    spaced = _BLOCKS.sub("\n\n", fragment)
    try:
        node = lxml.html.fragment_fromstring(spaced, create_parent="div")
    except Exception:  # lxml raises ParserError or ValueError on degenerate input
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in node.xpath(".//script|.//style"):
        bad.drop_tree()
    text = node.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n".join(p for p in paragraphs if p)
