"""Everything that imports or mirrors MkDocs and Material, and nothing else.

`plugin.py` runs the pipeline from MkDocs' hooks and hands MkDocs the pages it should build. The
catalog's thousands of pages bypass MkDocs' page loop (`bulk_pages.py`): each kind is rendered
once by Material as a shell with slots, then filled by string joins in forked workers. They skip
MkDocs' per-page events (on_pre_page, on_page_read_source, on_page_markdown, on_page_content,
on_post_page: the shell goes through on_page_context once per kind), its link validation, its
sitemap (`sitemap.py` adds them) and its search plugin (the catalog has its own index).
In a preview (`preview.py`), the bulk pages, the other generated pages (`generated_pages.py`,
built through MkDocs' own steps) and the data files are written when first requested.
`tests/test_mkdocs_internals.py` fails when an upgrade changes what these modules rely on.
"""
