"""PNG (and Windows .ico) renderings of resources/icons/app.svg, drawn with Qt's SVG renderer."""

from __future__ import annotations

import os
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_pngs(svg: Path, out_dir: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # painting needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"{size}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written[size] = path
    return written


def write_ico(pngs: dict[int, Path], target: Path) -> Path:
    """A Windows .ico holding the PNG images (PNG-in-ICO, accepted since Windows Vista)."""
    chosen = [size for size in (16, 24, 32, 48, 64, 128, 256) if size in pngs]
    blobs = [pngs[size].read_bytes() for size in chosen]
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(chosen).to_bytes(2, "little")
    offset = 6 + 16 * len(chosen)
    entries = b""
    for size, blob in zip(chosen, blobs, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += bytes([dim, dim, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
    target.write_bytes(header + entries + b"".join(blobs))
    return target
