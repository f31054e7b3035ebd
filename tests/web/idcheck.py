"""Id references in a page: duplicate ids, and ``aria-labelledby`` / ``aria-describedby`` /
``for`` that point to the element itself or to no element at all (an accessible name made of
the whole region's text, or none). Shared by the HTML checks over every page kind."""

from __future__ import annotations

from webpage import Element

REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")


def id_problems(root: Element) -> list[str]:
    """Every problem found, as readable strings (empty when the page is fine)."""
    seen: dict[str, int] = {}
    elements = list(root.iter())
    for element in elements:
        if element.get("id") is not None:
            seen[element.attrs["id"]] = seen.get(element.attrs["id"], 0) + 1
    problems = [f"duplicate id {name!r} ({n}×)" for name, n in seen.items() if n > 1]
    for element in elements:
        own = element.get("id")
        for attribute in REFERENCES:
            for target in (element.get(attribute) or "").split():
                if target == own:
                    problems.append(f"<{element.tag} {attribute}={target!r}> names itself")
                elif target not in seen:
                    problems.append(f"<{element.tag} {attribute}={target!r}>: no such id")
        target = element.get("for")
        if element.tag == "label" and target is not None and target not in seen:
            problems.append(f"<label for={target!r}>: no such id")
    return problems
