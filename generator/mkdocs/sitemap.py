"""The sitemap's entries for the pages MkDocs does not list: the catalog's bulk pages, written after
MkDocs wrote sitemap.xml (see bulk_pages.py). Each gets its address and the day its content last
changed, like the pages MkDocs lists; sitemap.xml.gz follows."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from xml.sax.saxutils import escape

END = "</urlset>"


def add_pages(site_dir: Path, pages: list[tuple[str, dt.date | None]]) -> None:
    """Append `(absolute address, last change)` entries to the site's sitemap, if it has one."""
    path = site_dir / "sitemap.xml"
    if not pages or not path.is_file():
        return
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(address)}</loc>\n"
        + (f"         <lastmod>{day.isoformat()}</lastmod>\n" if day else "")
        + "    </url>"
        for address, day in pages
    )
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.rpartition(END)
    text = head.rstrip() + entries + "\n" + END + tail
    path.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
