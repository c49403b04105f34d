from django import template

register = template.Library()


@register.filter
def startswith(text: str, prefix: str) -> bool:
    return bool(prefix) and str(text).startswith(str(prefix))


@register.filter
def field_anchor(field) -> str:
    """Where the error summary links to: the input, or the first option of a group."""
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def page_link(listing, number: int) -> str:
    return listing.page_link(number)
