"""A region filter keeps the documents of the regions within it: 广东省 keeps 广州's, and is offered though no
province-level document is stored."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_province_keeps_its_cities_documents_and_is_offered_as_a_choice(client: TestClient) -> None:
    every = client.get("/api/documents").json()
    assert "广东省" in every["facets"]["region"] and "广东省 广州市" in every["facets"]["region"]
    province = client.get("/api/documents", params={"region": "广东省"}).json()["documents"]
    assert [d["unit"] for d in province] == ["广州市信访局"]
    assert client.get("/api/documents", params={"region": "广东"}).json()["documents"] == []  # whole names only


def test_the_findings_of_a_province_are_those_of_its_cities(client: TestClient) -> None:
    city = client.get("/api/findings", params={"region": "测试省 测试市"}).json()
    province = client.get("/api/findings", params={"region": "测试省"}).json()
    assert province == city and city  # the test unit's findings (it is in 测试省 测试市)
