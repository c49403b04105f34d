import altair as alt

from safeboard.core.charts import to_svg


def test_a_chart_is_drawn_as_labelled_svg():
    data = alt.Data(values=[{"agency": "Police", "rate": 100}, {"agency": "UHS", "rate": 75}])
    spec = alt.Chart(data).mark_bar().encode(x="rate:Q", y="agency:N").to_dict()
    svg = to_svg(spec, title="Attendance <2017-18>", description="Police 100%, UHS 75%")
    assert svg.startswith('<svg role="img" aria-label="Attendance &lt;2017-18&gt;: Police')
    assert "UHS" in svg and "<text" in svg  # drawn as vector text, not an image
