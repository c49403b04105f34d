"""`list_page`: the one way a list page searches, sorts, exports and names what it shows."""

import csv
import io

from django.test import RequestFactory

from safeboard.core.listing import PAGE_SIZE, Column
from safeboard.core.models import Agency
from safeboard.core.views.base import list_page

COLUMNS = [Column("name", "Name", lambda a: a.name, sort="name")]


def _page(query: str, **kwargs):
    request = RequestFactory().get("/agencies/" + query)
    response = list_page(
        request,
        columns=COLUMNS,
        template="core/agency_list.html",
        default_sort="name",
        filename="agencies",
        **kwargs,
    )
    return request, response


def test_a_search_is_given_the_words_asked_for_and_shows_them_back(cast):
    asked = []

    def search(words):
        asked.append(words)
        return Agency.objects.filter(name__icontains=words)

    _request, response = _page(
        "?q=++constabulary+", items=search, context={"partnership": cast.partnership}
    )
    assert asked == ["constabulary"]
    page = response.content.decode()
    assert 'value="constabulary"' in page
    assert cast.police.name in page and cast.health.name not in page


def test_an_export_sends_every_matching_row_and_names_each_restricted_one(cast):
    for number in range(PAGE_SIZE + 1):
        Agency.objects.create(name=f"Agency {number:02}", sector="other")
    items = Agency.objects.filter(name__startswith="Agency ")
    request, response = _page("?export=csv", items=items, restricted=lambda a: [a, None])
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 + PAGE_SIZE + 1
    assert len(request.restricted_records) == PAGE_SIZE + 1

    request, response = _page(
        "?sort=-name",
        items=items,
        restricted=lambda a: [a],
        context={"partnership": cast.partnership},
    )
    assert response.status_code == 200
    assert [a.name for a in request.restricted_records] == [
        f"Agency {number:02}" for number in range(PAGE_SIZE, 0, -1)
    ]
