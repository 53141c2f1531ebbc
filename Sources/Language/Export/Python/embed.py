#!/usr/bin/env python3
"""Writes PythonRuntime+Source.swift from runtime.py and plots.py, so that
the executable carries the helpers an exported notebook calls.
Run by `make python-helpers`; a test checks that the two agree."""
import pathlib

here = pathlib.Path(__file__).parent
source = "".join((here / name).read_text() for name in ("runtime.py", "plots.py"))
assert '"""#' not in source, "the helpers may not contain the end of a Swift raw string"
swift = (
    "// Made by `make python-helpers` from Python/runtime.py and Python/plots.py: edit those, not this.\n"
    "extension PythonRuntime {\n"
    "    static let source = #\"\"\"\n" + source + "\n\"\"\"#\n"
    "}\n"
)
(here.parent / "PythonRuntime+Source.swift").write_text(swift)
