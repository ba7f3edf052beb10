"""What editors write, and nothing else: the models, reading files with positions, checks, errors."""
