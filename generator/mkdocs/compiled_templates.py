"""The theme's templates compiled once for all the builds of a preview.

MkDocs makes a new Jinja environment at every build, which compiled Material's and our templates
again at every save of `mkdocs serve`. This cache of compiled code, kept by the plugin, outlives
the environments; Jinja compares each template's source with the checksum kept beside its code,
so a template saved is compiled again. Jinja also applies, as it compiles, a filter given constants
(`{{ "stylesheets/deffinov.css" | asset }}` becomes the file's hashed name): code compiled while the
filters gave other values (a stylesheet saved since) is dropped.
"""

from __future__ import annotations

from typing import Hashable

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled: dict[str, bytes] = {}
        self.filters: Hashable = None  # what the filters gave when the code kept was compiled

    def for_filters(self, filters: Hashable) -> "CompiledTemplates":
        """This cache, emptied if the filters now give other values than `filters` said before."""
        if filters != self.filters:
            self.compiled.clear()
            self.filters = filters
        return self

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # left empty if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
