"""Whether a library's function is the one a faster replacement was written against.

faster_markdown.py and faster_icalendar.py put their own code in place of a library's, where it
gives the same output. Each first compares the library's function with what it mirrors: the names
it uses and its constants. A function of another version, which may do more, is left in place."""

from __future__ import annotations


def method_is(method, names: tuple[str, ...], constants: tuple | None = None) -> bool:
    """Whether the library's `method` uses the names (and the constants) described here."""
    code = method.__code__
    return code.co_names == names and (constants is None or code.co_consts == constants)
