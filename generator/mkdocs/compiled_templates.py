"""The theme's templates compiled once for all the builds of a preview.

MkDocs makes a new Jinja environment at every build, which compiled Material's and our templates
again at every save of `mkdocs serve`. This cache of compiled code, kept by the plugin, outlives
the environments; Jinja compares each template's source with the checksum kept beside its code,
so a template saved is compiled again.
"""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # left empty if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
