"""The Jinja2 environment that renders generated pages, and safe rendering of editors' Markdown."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup, escape

from .. import french as text
from ..content.fields import label
from ..presentation.hours import french_hours
from ..presentation.schedule import LIVE, OPEN_NOW, Status
from . import faster_markdown

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
TOP_HEADINGS = re.compile(r"<(/?)h[12]\b")


def safe_markdown(source: str) -> Markup:
    """Editors' Markdown as HTML in which no tag, attribute or URL scheme outside a short list survives."""
    html = _markdown().reset().convert(text.typography(source or ""))
    # The page already has its h1 and h2 sections: editors' top headings become h3.
    html = TOP_HEADINGS.sub(r"<\1h3", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


@functools.lru_cache(maxsize=None)
def _markdown() -> markdown.Markdown:
    """One converter for every text of a build: setting one up costs more than most conversions.
    `reset()` before each use leaves nothing of the previous text, so keeping it for the process
    reads no file and keeps no result: not a cache between builds (build/cache.py)."""
    return faster_markdown.converter()


def script_json(value) -> Markup:
    """JSON to print inside a <script> element: `<`, `>` and `&` escaped as JSON allows, so that no
    text of the content can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def front_matter_value(value: str, french: bool = True) -> Markup:
    """A front matter string: HTML-escaped (Material prints titles unescaped) and JSON-quoted (valid
    YAML); in French spacing when it is `french` text people read (a title), not an attribute's value
    (a description, printed in a meta tag)."""
    value = " ".join(str(value).split())
    return Markup(json.dumps(str(escape(text.typography(value) if french else value)), ensure_ascii=False))


class Verbatim(str):
    """A string printed as it is: no French spacing (see `AttributeValues`)."""


def verbatim(value):
    return Verbatim(value) if type(value) is str else value


# An attribute value in a template: `name="…"`, where the value may hold Jinja expressions and
# statements (whose own strings may hold quotes).
_ATTRIBUTE = re.compile(r'(\s[\w:.-]+=")((?:\{\{.*?\}\}|\{%.*?%\}|[^"{]|\{(?![{%]))*)"', re.S)
_EXPRESSION = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.S)


class AttributeValues(Extension):
    """French spacing is for text people read, never for values code compares: an expression
    printed inside an attribute value (a checkbox's value, data-*, an address, an aria-label) is
    printed verbatim. Marked when the template is compiled, so rendering pays nothing."""

    def preprocess(self, source, name, filename=None):
        def mark(attribute):
            value = _EXPRESSION.sub(lambda e: "{{%s (%s) | verbatim %s}}" % e.groups(), attribute.group(2))
            return attribute.group(1) + value + '"'
        return _ATTRIBUTE.sub(mark, source)


def card_slot(slots: bool, name: str, kind: str = "field") -> Markup:
    """` data-field="title"`: a field's mark on the catalog's empty card (_catalog.html), for its
    script; nothing on a filled card. A function, not a macro: lists print thousands of cards."""
    return Markup(' data-%s="%s"') % (kind, name) if slots else Markup()


def environment(templates: Path) -> Environment:
    """A new environment of a templates folder; `mkdocs serve` keeps one between builds through
    the cache layer (build/cache.py, `Memo.templates`), which knows when a template changed."""
    env = Environment(
        extensions=[AttributeValues],
        loader=FileSystemLoader(str(templates)),
        auto_reload=False,  # one environment a build: no need to check each template's date at each page
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # `{#id}` is Markdown's heading-anchor syntax in templates, so Jinja comments use `{##`.
        comment_start_string="{##",
        comment_end_string="##}",
        # Every plain string a template prints is editors' text: French spacing before : ; ! ?
        # (Markup, such as rendered Markdown or JSON, and attribute values are left as they are).
        finalize=lambda value: text.typography(value) if type(value) is str else value,
    )
    env.filters.update(
        date=text.french_date,
        month=text.french_month,
        uncertainty=text.uncertainty,
        local_time=text.local_time_of,
        time=text.french_time,
        euros=text.french_euros,
        percent=text.french_percent,
        timezone=text.timezone_label,
        euros_range=lambda pair: text.french_range(*pair, text.french_euros),
        months_range=lambda pair: text.french_range(*pair, text.french_months),
        of_which_examples=text.of_which_examples,
        markdown=safe_markdown,
        meta=front_matter_value,
        script_json=script_json,
        iso=lambda moment: moment.isoformat(),
        capfirst=lambda value: str(value)[:1].upper() + str(value)[1:],
        sentence=text.sentence,
        hours=french_hours,
        verbatim=verbatim,
    )
    env.tests["contains"] = lambda sequence, item: item in sequence
    env.globals["UNKNOWN"] = text.UNKNOWN
    env.globals["card_slot"] = card_slot
    # The statuses and the sets of them a page tests, declared once in the status rule.
    env.globals.update(Status=Status, LIVE=LIVE, OPEN_NOW=OPEN_NOW)
    # `label(call.data, "aid.min")`: the field's French title, written once in the model.
    env.globals["label"] = lambda item, path: label(type(item), path)
    return env
