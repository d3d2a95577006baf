"""Re-save WOFF2 fonts without the glyph-table transform (same glyphs, same metrics).

WOFF2 files normally store their glyph outlines transformed, which saves about
10 % but takes WeasyPrint (through fontTools, in pure Python) about 13 ms per
file to undo, for every booklet edition. Untransformed, it takes about 1 ms.
The booklet loads eight faces, so docs/assets/fonts/ keeps those eight
untransformed. The two small "core" files, which every page of the site
loads, stay as small as possible.

    .venv/bin/python scripts/untransform_fonts.py docs/assets/fonts/atkinson-hyperlegible-latin-*.woff2

Running it again on a file already untransformed changes nothing.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.woff2 import WOFF2FlavorData


def untransform(path: Path) -> tuple[int, int]:
    before = path.read_bytes()
    font = TTFont(io.BytesIO(before))
    if font.flavor != "woff2":
        raise SystemExit(f"{path}: not a WOFF2 font")
    font.flavorData = WOFF2FlavorData(transformedTables=())
    out = io.BytesIO()
    font.save(out)
    path.write_bytes(out.getvalue())
    return len(before), len(out.getvalue())


def main(paths: list[str]) -> None:
    if not paths:
        raise SystemExit(__doc__)
    for name in paths:
        before, after = untransform(Path(name))
        print(f"{name}: {before} -> {after} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
