"""The worksheet components: fill_in, notes, choice and checklist.

Each component checks its arguments, records its fields in the registry and
renders one template from macros/templates/. Templates are rendered by our own
Jinja environment with autoescaping on, because the macros plugin's own
environment does not escape. The HTML comes out without blank lines or
indentation, so Markdown keeps it as one raw HTML block.
"""
from __future__ import annotations

import functools
import inspect
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import option_list
from .registry import STEP_IDS, ComponentError, Field, Registry

TEMPLATES = Path(__file__).parent / "templates"
WRITE_IN_LABEL = "Write your own:"

_jinja = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=False,
)


def _compact(html: str) -> str:
    """One tag run per line, no indentation, no blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def render(template: str, **context) -> str:
    return _compact(_jinja.get_template(f"{template}.html").render(**context))


def render_booklet_links(editions: list[dict], page_url: str) -> str:
    """Download links to the booklet editions; `page_url` is the linking page's URL."""
    to_root = "../" * page_url.count("/")
    links = [{"href": to_root + e["file"], "name": e["name"]} for e in editions]
    return render("booklet_links", links=links)


class PageContext:
    """Where a component is being called: the page's path, URL and step."""

    def __init__(self, page: str, url: str = "", step: str | None = None):
        self.page, self.url, self.step = page, url, step

    @classmethod
    def from_mkdocs_page(cls, page) -> "PageContext":
        step = (page.meta or {}).get("step")
        src = page.file.src_path
        if step is not None and step not in STEP_IDS:
            raise ComponentError(
                f"{src}: front matter 'step: {step}' is not one of {', '.join(STEP_IDS)}."
            )
        return cls(page=src, url=page.url, step=step)


def _text(ctx: PageContext, field_id: str, name: str, value: object, required: bool = True):
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ComponentError(f"{ctx.page}: field '{field_id}': {name} must be non-empty text.")
    return " ".join(value.split())


def _lines(ctx: PageContext, field_id: str, lines: object, low: int, high: int) -> int:
    if isinstance(lines, bool) or not isinstance(lines, int) or not low <= lines <= high:
        raise ComponentError(
            f"{ctx.page}: field '{field_id}': lines must be a whole number from {low} to {high}"
            f" (got {lines!r})."
        )
    return lines


class Components:
    """The component macros, bound to one registry and to the page being rendered."""

    def __init__(self, registry: Registry, context):
        # `context` is a function returning the PageContext of the current page.
        self.registry = registry
        self.context = context

    def _field(self, ctx: PageContext, **kwargs) -> Field:
        return self.registry.add(Field(page=ctx.page, url=ctx.url, step=ctx.step, **kwargs))

    def fill_in(self, id, question, hint=None, lines=2):
        """A sentence to finish, on one line (`lines` are writing lines in print)."""
        ctx = self.context()
        self.registry.check_id(ctx.page, id)
        f = self._field(ctx, id=id, type="text", kind="fill_in",
                        question=_text(ctx, id, "the question", question),
                        lines=_lines(ctx, id, lines, 1, 4))
        return render("fill_in", f=f, hint=_text(ctx, id, "hint", hint, required=False))

    def notes(self, id, question, hint=None, lines=4):
        """A box for free writing; `lines` is its height on screen and on paper."""
        ctx = self.context()
        self.registry.check_id(ctx.page, id)
        f = self._field(ctx, id=id, type="textarea", kind="notes",
                        question=_text(ctx, id, "the question", question),
                        lines=_lines(ctx, id, lines, 2, 10))
        return render("notes", f=f, hint=_text(ctx, id, "hint", hint, required=False))

    def choice(self, id, question, hint=None, caller=None):
        """One answer from a list (radio buttons); options come from the call block."""
        ctx = self.context()
        self.registry.check_id(ctx.page, id)
        question = _text(ctx, id, "the question", question)
        parsed = self._parse(ctx, id, caller, allow_groups=False, allow_other=False)
        seen = set()
        for o in parsed.options:
            self.registry.check_id(ctx.page, o.id, what=f"option id in '{id}'")
            if o.id in seen:
                raise ComponentError(f"{ctx.page}: field '{id}': option id '{o.id}' is used twice.")
            seen.add(o.id)
        if len(parsed.options) < 2:
            raise ComponentError(f"{ctx.page}: field '{id}': a choice needs at least two options.")
        f = self._field(ctx, id=id, type="radio", kind="choice", question=question,
                        options=[{"id": o.id, "label": o.label} for o in parsed.options])
        return render("choice", f=f, options=parsed.options,
                      hint=_text(ctx, id, "hint", hint, required=False))

    def checklist(self, id, question, hint=None, caller=None):
        """Tick all that apply; optional groups and an "Other" with a write-in."""
        ctx = self.context()
        self.registry.check_id(ctx.page, id, what="checklist id")
        question = _text(ctx, id, "the question", question)
        parsed = self._parse(ctx, id, caller, allow_groups=True, allow_other=True)
        groups = []
        for n, g in enumerate(parsed.groups, start=1):
            items = []
            for o in g.options:
                self.registry.check_id(ctx.page, o.id, what=f"item id in '{id}'")
                f = self._field(ctx, id=f"{id}-{o.id}", type="checkbox", kind="checklist",
                                question=question, label=o.label, group=g.title)
                items.append({"field": f, "hint": o.hint})
            groups.append({"id": f"{id}--group-{n}", "title": g.title, "hint": g.hint,
                           "options": items})
        other = None
        if parsed.other:
            box = self._field(ctx, id=f"{id}-other", type="checkbox", kind="other",
                              question=question, label=parsed.other.label)
            text = self._field(ctx, id=f"{id}-other-text", type="text", kind="write_in",
                               question=question, label=WRITE_IN_LABEL, lines=1)
            other = {"field": box, "text": text}
        return render("checklist", id=id, question=question, groups=groups, other=other,
                      hint=_text(ctx, id, "hint", hint, required=False))

    def _parse(self, ctx, id, caller, **rules):
        if caller is None:
            raise ComponentError(
                f"{ctx.page}: field '{id}': write the options in a block: "
                "{% call ... %} - option-id: Label {% endcall %}"
            )
        try:
            return option_list.parse(str(caller()), **rules)
        except option_list.OptionListError as e:
            raise ComponentError(f"{ctx.page}: field '{id}': {e}") from None

    def macros(self) -> dict:
        """The macros as authors call them, with argument checking that names the page."""
        return {name: self._checked(getattr(self, name))
                for name in ("fill_in", "notes", "choice", "checklist")}

    def _checked(self, method):
        signature = inspect.signature(method)

        @functools.wraps(method)
        def macro(*args, **kwargs):
            try:
                signature.bind(*args, **kwargs)
            except TypeError as e:
                ctx = self.context()
                field_id = args[0] if args else kwargs.get("id", "?")
                raise ComponentError(
                    f"{ctx.page}: {method.__name__}('{field_id}', ...): {e}. "
                    f"Its parameters are: {', '.join(signature.parameters)}."
                ) from None
            return method(*args, **kwargs)

        return macro
