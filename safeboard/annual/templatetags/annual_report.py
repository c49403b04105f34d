import base64

from django import template

register = template.Library()


@register.filter
def svg_data_uri(svg: str) -> str:
    """A drawn chart as an image address, so the PDF keeps it as vector graphics with alt text."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
