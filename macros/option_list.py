"""Parse the option list written inside a `{% call checklist(...) %}` or
`{% call choice(...) %}` block.

The syntax is a small indented list, easy to write and to read in Markdown:

    - group: Learn what they like          a group title (checklists only)
      hint: Optional words under the title
      - ask-likes: Ask what they like       an option: "<id>: <label>"
        hint: For example, ...              an option's hint
    - other: Something else                 "Other" with a write-in (last)

Every line is either an item (`- key: text`) or a hint (`hint: text`) under
the line just above it. Anything else is an error that names the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ITEM = re.compile(r"^(?P<indent> *)- (?P<key>[^:\s]+):\s*(?P<text>.*)$")
HINT = re.compile(r"^(?P<indent> *)hint:\s*(?P<text>.*)$")


class OptionListError(ValueError):
    """A malformed option list; the message names the line."""


@dataclass
class Option:
    id: str
    label: str
    hint: str | None = None


@dataclass
class Group:
    title: str | None  # None: options that sit under no group title
    hint: str | None = None
    options: list[Option] = field(default_factory=list)


@dataclass
class OptionList:
    groups: list[Group] = field(default_factory=list)
    other: Option | None = None

    @property
    def options(self) -> list[Option]:
        return [o for g in self.groups for o in g.options]


def parse(text: str, allow_groups: bool = True, allow_other: bool = True) -> OptionList:
    result = OptionList()
    current_group: Group | None = None  # the open titled group, if any
    last = None  # the group or option a hint line would attach to
    last_indent = -1

    def fail(n: int, line: str, why: str) -> None:
        raise OptionListError(f"option list line {n} ({line.strip()!r}): {why}")

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip().replace("\t", "    ")
        if not line.strip():
            continue
        if result.other is not None and not HINT.match(line):
            fail(n, line, "'other' must be the last option")
        hint = HINT.match(line)
        if hint:
            if last is None or len(hint["indent"]) <= last_indent:
                fail(n, line, "a hint must be indented under the option or group it explains")
            if last.hint:
                fail(n, line, "only one hint per option or group")
            last.hint = hint["text"].strip()
            continue
        item = ITEM.match(line)
        if not item:
            fail(n, line, "expected '- id: label' or 'hint: text'")
        indent, key, label = len(item["indent"]), item["key"], item["text"].strip()
        if not label:
            fail(n, line, "the label is empty")
        if key == "group":
            if not allow_groups:
                fail(n, line, "groups are not allowed here")
            if indent:
                fail(n, line, "a group title must start at the left margin")
            current_group = Group(title=label)
            result.groups.append(current_group)
            last, last_indent = current_group, indent
        elif key == "other":
            if not allow_other:
                fail(n, line, "'other' is not allowed here")
            if indent:
                fail(n, line, "'other' must start at the left margin")
            result.other = Option(id="other", label=label)
            last, last_indent = result.other, indent
        else:
            option = Option(id=key, label=label)
            if indent == 0:
                current_group = None
                if not result.groups or result.groups[-1].title is not None:
                    result.groups.append(Group(title=None))
                result.groups[-1].options.append(option)
            elif current_group is not None:
                current_group.options.append(option)
            else:
                fail(n, line, "an indented option must sit under a '- group:' line")
            last, last_indent = option, indent
    for g in result.groups:
        if not g.options:
            raise OptionListError(f"group {g.title!r} has no options")
    if not result.options and result.other is None:
        raise OptionListError("the option list is empty")
    return result
