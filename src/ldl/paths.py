"""Where ldl's own files live (the content tree shipped inside the package)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
CONTENT_ROOT = PACKAGE_ROOT / "content"
STAGES_ROOT = CONTENT_ROOT / "stages"
