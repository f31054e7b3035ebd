"""axe-core in the page: run the WCAG 2.1 A/AA rules and keep every violation with the CSS
selectors of the elements concerned.

axe comes from a local file (``vendor/axe.min.js``, see ``vendor/README.md``), never from the
network. It is evaluated through Playwright (``page.evaluate``), which goes through the
DevTools protocol and is not subject to the page's Content-Security-Policy; ``add_script_tag``
would insert an inline ``<script>`` that the app's strict policy blocks, and ``bypass_csp``
would switch the policy off and so audit a page the users never get. The page stays exactly
as served.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_FILE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = frozenset({"serious", "critical"})
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""

_source: list[str] = []


def axe_source() -> str:
    """The text of axe.min.js, read once per test session."""
    if not _source:
        _source.append(AXE_FILE.read_text(encoding="utf-8"))
    return _source[0]


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    @property
    def failing(self) -> bool:
        return self.impact in FAILING_IMPACTS

    def __str__(self) -> str:
        return (
            f"[{self.impact}] {self.page}: {self.rule} ({self.help}) at {', '.join(self.targets)}"
        )


def run_axe(page: Page, label: str) -> list[Violation]:
    """All WCAG 2.1 A/AA violations on the page as it is now (after scripts have run)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [
        Violation(label, v["id"], v["impact"] or "unknown", v["help"], tuple(v["targets"]))
        for v in found
    ]


@dataclass
class Audit:
    """Collects the violations of many pages, so one run reports them all at once."""

    pages: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def check(self, page: Page, label: str) -> None:
        self.pages.append(label)
        self.violations.extend(run_axe(page, label))

    def report(self) -> str:
        """Every violation (also the moderate and minor ones), one per line."""
        return "\n".join(str(v) for v in self.violations)

    def assert_clean(self) -> None:
        """Fail on any serious or critical violation; print all of them either way."""
        print(f"axe {len(self.pages)} pages:", ", ".join(self.pages))
        print(self.report() or "axe: no violations")
        failing = [v for v in self.violations if v.failing]
        assert failing == [], "serious/critical axe violations:\n" + "\n".join(map(str, failing))
