"""The build engine around the outputs: load -> check -> plan -> render (`pipeline.py`), bulk pages
on every core (`workers.py`), what a preview keeps between rebuilds (`cache.py`), the garbage
collector paused and frozen while a build's objects are made (`gc_freeze.py`), progress in the
log, the site search (Pagefind over the written pages), publishing by atomic swap and clean
stopping. Nothing here imports MkDocs."""
