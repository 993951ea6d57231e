"""What a visitor reads on incident and postmortem pages: an update's structure survives, sections keep titles."""

from __future__ import annotations

import lxml.html

from sitegen.build import build_site
from tests.helpers import NOW, incident

REPORT = """\
title: Checkout failures
impact: major
components: [api]
postmortem: 2026-11-20-checkout
timeline:
  - at: 2026-11-20T10:02:00Z
    status: identified
    message: |
      Summary: checkout requests fail with HTTP 503
      Description: a certificate rotation left one pool without a key
      Workaround: retry the request
      Regions affected:
      * eu-west
      * us-east

      ```
      $ curl -sI https://api.example.org/checkout
      HTTP/2 503
      ```

      | Pool | Errors |
      |------|--------|
      | a    | 41%    |
  - at: 2026-11-20T10:40:00Z
    status: resolved
    message: Resolved. The key is back in the pool.
"""

POSTMORTEM = """\
---
title: "Postmortem: checkout failures"
incident: 2026-11-20-checkout
published_at: 2026-11-22T10:00:00Z
timeline:
  - at: 2026-11-20T10:02:00Z
    event: Certificates rotated.
---
## Summary

Checkout failed for 38 minutes.

## Root cause

A certificate rotation skipped one pool.
"""


def test_a_line_structured_report_reads_as_lines_with_its_list_code_and_table(write_site):
    root = write_site({**incident("2026-11-20-checkout", REPORT), "content/postmortems/2026-11-20-checkout.md": POSTMORTEM})
    tree = build_site(root, NOW).tree
    page = lxml.html.fromstring(tree["incidents/2026-11-20-checkout/index.html"])
    message = page.xpath("//li[contains(@class, 'u-identified')]//div[@class='msg']")[0]
    lines = [line.strip() for line in message.find("p").itertext()]
    assert lines == ["Summary: checkout requests fail with HTTP 503",
                     "Description: a certificate rotation left one pool without a key",
                     "Workaround: retry the request", "Regions affected:"]
    assert len(message.find("p").findall("br")) == 3
    assert [li.text for li in message.iter("li")] == ["eu-west", "us-east"]
    assert message.find("pre/code").text.splitlines() == ["$ curl -sI https://api.example.org/checkout", "HTTP/2 503"]
    assert [cell.text for cell in message.iter("th", "td")] == ["Pool", "Errors", "a", "41%"]

    postmortem = lxml.html.fromstring(tree["postmortems/2026-11-20-checkout/index.html"])
    headings = [h.text_content() for h in postmortem.iter("h1", "h2")]
    assert headings[:3] == ["Postmortem: checkout failures", "Summary", "Root cause"]
