"""Nothing leaves the site: every page only asks its own server for anything."""
from __future__ import annotations

from .browser_helpers import open_page, site_pages


def test_every_page_requests_only_its_own_server(context, site):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in site_pages(site):
        open_page(page, site, path)
    assert site.url.startswith("http://127.0.0.1:")
    assert requests, "no requests recorded"
    assert site.url + "steps/gratitude/" in requests
    foreign = [url for url in requests
               if not url.startswith((site.url, "data:", "blob:"))]
    assert foreign == []
