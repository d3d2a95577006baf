"""The field registry: id rules, duplicate checks and the fields manifest.

Every worksheet field has one id, written by the author in the Markdown. The
same id is the HTML id/name, the browser storage key, the PDF form field name
and the key in exported files, so it must be unique across the whole site and
must never be derived from the question's wording.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Lowercase words joined by single hyphens. Single hyphens only, so that the
# derived ids of radio options ("<field>--<option>") can never equal a field id.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ID_MAX_LENGTH = 60

# The seven COMPASS steps, in toolkit order. A step page names its step in
# its front matter (`step: connect`).
STEPS = (
    ("connect", "C", "Connect with your values"),
    ("communicate", "O", "Openly communicate"),
    ("monitor", "M", "Monitor progress"),
    ("problem-solve", "P", "Problem solve"),
    ("advocate", "A", "Advocate"),
    ("see-it-through", "S", "See it through"),
    ("gratitude", "S", "Show gratitude"),
)
STEP_IDS = tuple(step for step, _, _ in STEPS)

MANIFEST_VERSION = 1
MANIFEST_PATH = "assets/fields.json"


class ComponentError(ValueError):
    """A mistake in a worksheet component call. The message names the page."""


@dataclass
class Field:
    id: str
    type: str  # the HTML control: checkbox, radio, text or textarea
    kind: str  # the component part: fill_in, notes, choice, checklist, other, write_in
    question: str
    page: str = ""
    url: str = ""
    step: str | None = None
    label: str | None = None  # a checkbox's own option text
    group: str | None = None  # the group title a checkbox sits under
    options: list[dict] | None = None  # a choice's options: [{"id", "label"}]
    lines: int | None = None  # writing lines in print
    order: int = 0


@dataclass
class Registry:
    fields: dict[str, Field] = field(default_factory=dict)

    def check_id(self, page: str, field_id: object, what: str = "field id") -> str:
        """Return field_id if it is well formed, else raise naming the page."""
        if not isinstance(field_id, str) or not field_id:
            raise ComponentError(f"{page}: a {what} is missing (got {field_id!r}).")
        if len(field_id) > ID_MAX_LENGTH:
            raise ComponentError(
                f"{page}: {what} '{field_id}' is longer than {ID_MAX_LENGTH} characters."
            )
        if not ID_PATTERN.match(field_id):
            raise ComponentError(
                f"{page}: {what} '{field_id}' is malformed: use lowercase letters, "
                "digits and single hyphens, starting with a letter."
            )
        return field_id

    def add(self, f: Field) -> Field:
        self.check_id(f.page, f.id)
        if f.id in self.fields:
            first = self.fields[f.id].page
            raise ComponentError(
                f"{f.page}: field id '{f.id}' is used twice (first on {first})."
            )
        f.order = len(self.fields)
        self.fields[f.id] = f
        return f

    def manifest(self) -> dict:
        """Every field in toolkit order: by step, then by place on the page."""
        def sort_key(f: Field) -> tuple:
            step_index = STEP_IDS.index(f.step) if f.step in STEP_IDS else len(STEPS)
            return (step_index, f.page, f.order)

        ordered = sorted(self.fields.values(), key=sort_key)
        fields = []
        for order, f in enumerate(ordered):
            entry = {k: v for k, v in asdict(f).items() if v is not None}
            entry["order"] = order
            fields.append(entry)
        return {
            "version": MANIFEST_VERSION,
            "steps": [{"id": s, "letter": letter, "title": title} for s, letter, title in STEPS],
            "fields": fields,
        }

    def write_manifest(self, site_dir: str | Path) -> Path:
        path = Path(site_dir) / MANIFEST_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.manifest(), indent=1, ensure_ascii=False), "utf-8")
        return path
