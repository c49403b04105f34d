from .selectors import partnership_list


def partnership(request):
    """The partnerships the person may switch between, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(request, "partnership", None)
    return {
        "current_partnership": current,
        "my_partnerships": list(partnership_list(user=user).only("name", "slug")),
    }
