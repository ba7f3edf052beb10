"""What the site says on a given day, and where: schedules and statuses, addresses, views. No Jinja, no files."""
