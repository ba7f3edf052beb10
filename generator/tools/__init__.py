"""What editors and CI run besides the build: `deffinov check|new|generate` (`cli.py`), scaffolds,
the guide's field reference, the files drawn from the model but committed (`committed_files.py`:
CONTRIBUTING.md, schemas/), and errors as forges read them (`forge_reports.py`)."""
