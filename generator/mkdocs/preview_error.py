"""The page `mkdocs serve` shows in place of the site while a rebuild fails: the French report of
the content errors (file, line, field, what to do), or the error that stopped the build.

It stands alone: styles inline, no script but MkDocs' live-reload one (added when served, see
preview.py), no request to anything, so it shows whatever state the theme or the site folder is
in. Every value comes from content files or exceptions and is escaped by Jinja, never trusted as
HTML.
"""

from __future__ import annotations

import traceback
from itertools import groupby

from jinja2 import Environment

from ..content.errors import ContentError, ContentErrors
from ..french import typography

_TEMPLATE = """\
<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }} – aperçu de {{ site_name }}</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; color: #1f1f1f; background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; overflow-wrap: anywhere; }
  .deffinov-notice { margin: 0 0 1.5rem; padding: .75rem 1rem; border-left: .3rem solid #a4161a; background: #fbeaea; }
  ul { padding-left: 1.25rem; }
  li { margin: .75rem 0; }
  li p { margin: 0; }
  .deffinov-where { font-weight: 600; }
  code, pre { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace; font-size: .95em; }
  code { padding: 0 .2em; background: #f0f0f0; overflow-wrap: anywhere; }
  pre { padding: .75rem 1rem; background: #f0f0f0; white-space: pre-wrap; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>{{ heading }}</h1>
<p class="deffinov-notice">Le site n'a pas pu être reconstruit{% if files %}&nbsp;: corrigez {{ "ce point" if count == 1 else "ces points" }} et enregistrez{% else %}&nbsp;: corrigez la cause et enregistrez{% endif %}. Cette page laisse place au site d'elle-même dès que la reconstruction réussit.</p>
{% for path, errors in files %}
<h2>Fichier <code>{{ path }}</code></h2>
<ul>
{% for error in errors %}
<li>{% if error.line is not none or error.field %}<p class="deffinov-where">{% if error.line is not none %}Ligne {{ error.line }}{% endif %}{% if error.field %}{{ ", champ " if error.line is not none else "Champ " }}<code>{{ error.field }}</code>{% endif %}</p>{% endif %}<p>{{ error.message | typography }}</p></li>
{% endfor %}
</ul>
{% else %}
<pre>{{ message }}</pre>
{% endfor %}
<p>Le même rapport est dans le terminal où tourne <code>mkdocs serve</code>{% if files %}&nbsp;; <code>deffinov check</code> le donne aussi{% endif %}.</p>
</main>
</body>
</html>
"""

_ENVIRONMENT = Environment(autoescape=True, keep_trailing_newline=True)
_ENVIRONMENT.filters["typography"] = typography  # no line starts with « : » or a closing quote
_PAGE = _ENVIRONMENT.from_string(_TEMPLATE)


def render(error: BaseException, site_name: str) -> str:
    """The page for a failed build: the content errors behind `error` (an abort raised from
    ContentErrors), file by file, or else the error itself."""
    content = error if isinstance(error, ContentErrors) else error.__cause__
    if isinstance(content, ContentErrors):
        errors: list[ContentError] = content.errors
        count = len(errors)
        heading = "1 erreur dans le contenu" if count == 1 else f"{count} erreurs dans le contenu"
        files = [(path, list(group)) for path, group in groupby(errors, key=lambda e: e.path)]
        return _PAGE.render(heading=heading, site_name=site_name, files=files, count=count, message="")
    message = str(error) if isinstance(error, SystemExit) else "".join(traceback.format_exception_only(error)).strip()
    return _PAGE.render(heading="La reconstruction du site a échoué", site_name=site_name, files=[], count=0,
                        message=message)
