"""Regenerates Sources/LecternMarkdown/Sanitizing/NamedCharacterReferences.swift from the HTML standard's
named character reference table, as shipped in Python's html.entities.html5."""
import pathlib
from html.entities import html5

lines = [f"    {name} {','.join('%X' % ord(c) for c in value)}" for name, value in sorted(html5.items())]
text = (
    "// Generated from the WHATWG named character reference table (the same table as Python's\n"
    "// `html.entities.html5`); regenerate with `python3 bench/gen_named_references.py`. Do not edit.\n\n"
    "extension CharacterReferences {\n"
    "  /// Every named reference the HTML standard knows, as lines `name code-points` (hexadecimal, comma\n"
    "  /// separated); names that the standard also accepts without `;` appear twice, once without it.\n"
    '  static let namedTable = """\n' + "\n".join(lines) + '\n    """\n}\n'
)
root = pathlib.Path(__file__).resolve().parent.parent
(root / "Sources/LecternMarkdown/Sanitizing/NamedCharacterReferences.swift").write_text(text)
