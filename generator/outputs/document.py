"""A generated page as the site receives it: a short front matter, then HTML.

Generated pages come out of autoescaped templates as finished HTML: nothing in them is Markdown,
so MkDocs need not convert them again (that second pass cost a third of the build). The front
matter holds the title and description as `key: "JSON string"` lines, which are valid YAML too;
the table of contents is read from the `<h2 id>` section titles the templates write.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

_SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    id: str
    text: str  # plain text


def split(content: str) -> tuple[dict[str, str], str]:
    """The front matter's values and the HTML after it."""
    if not content.startswith("---\n"):
        return {}, content
    end = content.index("\n---\n", 3)
    meta = {}
    for line in content[4:end].splitlines():
        if line.strip():
            key, _, value = line.partition(": ")
            meta[key] = json.loads(value)
    return meta, content[end + 5:]


def sections(page_html: str) -> list[Heading]:
    """The page's section titles, in order: its table of contents."""
    return [Heading(anchor, " ".join(html.unescape(_TAG.sub("", inner)).split()))
            for anchor, inner in _SECTION.findall(page_html)]


def anchor_ids(page_html: str) -> set[str]:
    """Every id in the page, which links from other pages may target."""
    return set(_ID.findall(page_html))
