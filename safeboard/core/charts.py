"""Charts: Vega-Lite specifications (built with Altair) drawn as SVG, offline.

Every chart in Safeboard is a specification plus the table of its figures; pages and
reports draw the SVG and print the table beside it for screen readers.
"""

import json
from functools import lru_cache
from html import escape

import vl_convert


@lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    return vl_convert.vegalite_to_svg(spec_json)


def to_png(spec: dict, *, scale: float = 2) -> bytes:
    """Draw a Vega-Lite spec as a PNG, for documents that take no SVG (Word). Twice the
    pixels by default, so it prints sharp at its size on the page."""
    return vl_convert.vegalite_to_png(json.dumps(spec, sort_keys=True), scale=scale)


def to_svg(spec: dict, *, title: str, description: str) -> str:
    """Draw a Vega-Lite spec as SVG, labelled for assistive technology."""
    svg = _svg(json.dumps(spec, sort_keys=True))
    label = f'role="img" aria-label="{escape(title)}: {escape(description)}"'
    return svg.replace("<svg ", f"<svg {label} ", 1)
