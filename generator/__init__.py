"""DEFFINOV Tiers-lieux site generator.

Data flows one way: files -> content (read with positions, checked) -> site model -> plan (every
output lists its files) -> render -> MkDocs. Subpackages, in that order:

- content/       what editors write: models, text types, reading with positions, loading, checks,
                 French error messages;
- presentation/  what the site says on a given day: schedules and statuses, addresses, views
                 (no Jinja, no files);
- outputs/       one module per output (pages, calendars, feeds, exports, the catalog's index),
                 gathered in one registry;
- build/         the engine: the pipeline, forked workers, the cache kept between previews,
                 progress, the site search, publishing by atomic swap, clean stopping;
- mkdocs/        everything that imports or mirrors MkDocs and Material: the plugin's hooks, the
                 bulk pages' shells, HTML fixes, the sitemap, the preview server;
- tools/         what editors and CI run: the command line, scaffolding, the guide's field
                 reference, committed files, forge reports.

`settings.py` declares every option and its default; `french.py` writes French. Nothing outside
mkdocs/ imports MkDocs.
"""
