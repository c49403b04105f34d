"""Authored narrative: Markdown written by the partnership, rendered and then sanitised."""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def _below_section_heading(html: str) -> str:
    """Each section's title is a second-level heading, so the author's `#` becomes h3:
    headings stay in order whatever the author types."""
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}{m[3]}", html)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        _below_section_heading(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    """The words of rendered narrative, for finding the glossary terms it uses."""
    return re.sub(r"<[^>]+>", " ", html)
