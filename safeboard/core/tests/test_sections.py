import pytest

from safeboard.core import sections


def test_sections_come_in_their_registered_order(monkeypatch):
    monkeypatch.setattr(sections, "REGISTRY", {})

    @sections.register("kpis", "Key performance indicators", order=500)
    def kpis(partnership, year):
        return None

    @sections.register("context", "Local context", order=200)
    def context(partnership, year):
        return None

    assert [s.key for s in sections.registered()] == ["context", "kpis"]


def test_two_modules_cannot_claim_one_section(monkeypatch):
    monkeypatch.setattr(sections, "REGISTRY", {})
    sections.register("kpis", "Key performance indicators", order=500)(lambda p, y: None)
    with pytest.raises(ValueError, match="Two modules register"):
        sections.register("kpis", "Indicators", order=510)(lambda p, y: None)
