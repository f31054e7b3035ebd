"""A tiny HTML reader for test-client pages: elements by id/tag/class, text, and forms.

Built on ``html.parser`` so the tests see the page as a browser without JavaScript would:
what a form would send by default, which controls exist, and the visible text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def text(self) -> str:
        """The text content, whitespace collapsed (scripts included, as in the DOM)."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join(" ".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts)

    def iter(self) -> Any:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Descendants by tag and attributes (``class_`` matches one of the classes, ``for_``
        is ``for``, ``data_x`` is ``data-x``)."""
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if all(_matches(element, key, value) for key, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def by_id(self, element_id: str) -> Element | None:
        return self.find(id=element_id)

    def ancestor(self, tag: str) -> Element | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


def _matches(element: Element, key: str, value: str) -> bool:
    if key == "class_":
        return value in (element.get("class") or "").split()
    return element.get(key.rstrip("_").replace("_", "-")) == value


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag, {k: v if v is not None else "" for k, v in attrs}, parent=self.current
        )
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


@dataclass
class Form:
    """A form as a browser without JavaScript would submit it."""

    element: Element

    @property
    def action(self) -> str:
        return self.element.get("action") or ""

    def controls(self) -> list[Element]:
        return [
            e for e in self.element.iter() if e.tag in ("input", "select", "textarea", "button")
        ]

    def names(self) -> list[str]:
        """Names of the fields (not buttons), in document order, each once."""
        seen: list[str] = []
        for control in self.controls():
            name = control.get("name")
            if name and control.tag != "button" and name not in seen:
                seen.append(name)
        return seen

    def options(self, name: str) -> list[str]:
        """The values a radio/checkbox group or select offers."""
        values = []
        for control in self.controls():
            if control.get("name") != name:
                continue
            if control.tag == "select":
                values += [o.get("value") or o.text for o in control.find_all("option")]
            elif control.get("type") in ("radio", "checkbox"):
                values.append(control.get("value") or "on")
        return values

    def kind(self, name: str) -> str:
        """``radio``, ``checkbox``, ``select``, ``textarea``, ``hidden``, ``text`` …"""
        control = next(c for c in self.controls() if c.get("name") == name)
        return (
            control.tag
            if control.tag in ("select", "textarea")
            else (control.get("type") or "text")
        )

    def defaults(self) -> dict[str, list[str]]:
        """What the form sends as it is (checked boxes, typed values, selected options)."""
        data: dict[str, list[str]] = {}
        for control in self.controls():
            name = control.get("name")
            if not name or control.tag == "button" or "disabled" in control.attrs:
                continue
            for value in _sent(control):
                data.setdefault(name, []).append(value)
        return data

    def submit(
        self, answers: dict[str, Any] | None = None, action: str | None = None
    ) -> dict[str, Any]:
        """Form data: the defaults, with ``answers`` replacing whole fields, plus the button."""
        data: dict[str, Any] = dict(self.defaults())
        for name, value in (answers or {}).items():
            data[name] = value
        if action is not None:
            data["action"] = action
        return data


def _sent(control: Element) -> list[str]:
    if control.tag == "select":
        chosen = [o for o in control.find_all("option") if "selected" in o.attrs]
        return [o.get("value") or o.text for o in chosen[:1]]
    if control.tag == "textarea":
        return ["".join(c for c in control.children if isinstance(c, str))]
    if control.get("type") in ("radio", "checkbox"):
        return [control.get("value") or "on"] if "checked" in control.attrs else []
    return [control.get("value") or ""]


def forms(root: Element) -> list[Form]:
    return [Form(element) for element in root.find_all("form")]


def form_of(root: Element, class_: str | None = None) -> Form:
    """The page's only POST form (or the one with ``class_``)."""
    found = [f for f in forms(root) if (f.element.get("method") or "").lower() == "post"]
    if class_ is not None:
        found = [f for f in found if class_ in (f.element.get("class") or "").split()]
    assert len(found) == 1, f"expected one POST form, found {len(found)}"
    return found[0]


def json_script(root: Element, element_id: str) -> Any:
    script = root.by_id(element_id)
    assert script is not None and script.tag == "script", f"no <script id={element_id}>"
    return json.loads("".join(c for c in script.children if isinstance(c, str)))
