"""Template mistakes in plain words, for campaign staff who are not developers.

Jinja's own messages ("expected token 'end of print statement', got 'name'") describe its parser, not the
mistake. These functions turn them into what to change, and name the nearest valid placeholder when a
name is mistyped ("there is no `local.section74`; did you mean `local.section47`?").
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable, Mapping

# Tags a campaign template may use: a mistyped one is compared with these.
KNOWN_TAGS = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset")

_GOT = re.compile(r"got '([^']*)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'")
_BLOCK = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_CHAR = re.compile(r"unexpected char '(.)'")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_DOTTED = r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"


def nearest(name: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``name`` (a typo's intended word), or None when none is close."""
    found = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.7)
    return found[0] if found else None


def no_such_name(name: str, choices: Iterable[str]) -> str:
    """"there is no `x`; did you mean `y`?" or, with nothing close, where to look."""
    best = nearest(name, choices)
    if best:
        return f"there is no `{name}`; did you mean `{best}`?"
    return f"there is no `{name}`: the placeholders list beside the editor shows every name you can use"


def syntax_message(message: str, line_text: str | None = None) -> str:
    """A Jinja syntax error as what to change."""
    got = _GOT.search(message)
    found = got.group(1) if got else None
    if message.startswith("Encountered unknown tag"):
        tag = _UNKNOWN_TAG.search(message).group(1)
        best = nearest(tag, KNOWN_TAGS)
        hint = (f"; did you mean `{{% {best} %}}`?" if best
                else ": templates can use if, elif, else, endif, for and endfor")
        return f"`{{% {tag} %}}` is not something a template understands{hint}"
    if "end of template" in message.lower():
        block = _BLOCK.search(message)
        if block:
            name = block.group(1)
            return (f"a `{{% {name} %}}` is never closed: add `{{% end{name} %}}` where the part it "
                    f"{'repeats' if name == 'for' else 'controls'} ends")
        if "print statement" in message:
            return "a placeholder opened with `{{` is never closed: add `}}` after its name"
        return "the template ends in the middle of a `{{ }}` or `{% %}`: close it"
    if "end of print statement" in message:
        if found == "name":
            return ("this placeholder has a space or a missing dot in it: names are joined with dots and have "
                    "no spaces, like `{{ local.section47.sentence }}`")
        if found == "end of template":
            return "a placeholder opened with `{{` is never closed: add `}}` after its name"
        return (f"this placeholder is not closed properly: after the name there should be `}}}}`, not "
                f"`{found}`")
    if "end of statement block" in message:
        return f"this `{{% %}}` tag is not written properly (found `{found}`): it should end with `%}}`"
    if message.startswith("unexpected '}'"):
        return "there is a single `}`: placeholders open with `{{` and close with two, `}}`"
    if message.startswith("unexpected char"):
        char = _CHAR.search(message).group(1)
        return f"the character `{char}` cannot be used inside `{{{{ }}}}` or `{{% %}}`"
    if "expected name or number" in message:
        return "a dot in a placeholder must be followed by a name, like `mp.name`"
    if "expected token" in message or message.startswith("unexpected"):
        return (f"the `{{{{ }}}}` or `{{% %}}` on this line is not written properly (found `{found}`)"
                if found else "the `{{ }}` or `{% %}` on this line is not written properly")
    return f"the `{{{{ }}}}` or `{{% %}}` markup is not written properly here ({message})"


def _resolve(context: Mapping[str, Any], dotted: str) -> Any:
    value: Any = context
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def all_names(context: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Every dotted name in a template context (``local.section47.sentence``, ``mp.name`` ...)."""
    names = []
    for key, value in context.items():
        name = f"{prefix}{key}"
        names.append(name)
        if isinstance(value, Mapping):
            names.extend(all_names(value, name + "."))
    return names


def undefined_message(message: str, line_text: str | None, context: Mapping[str, Any]) -> str | None:
    """A missing name at render time ("'dict object' has no attribute 'nmae'") as "there is no
    `constituency.nmae`; did you mean `constituency.name`?". None when the message is about something else."""
    attribute = _NO_ATTRIBUTE.search(message)
    if attribute:
        name = attribute.group(1)
        written = re.search(rf"{_DOTTED}\.{re.escape(name)}\b", line_text or "")
        if written:
            parent = _resolve(context, written.group(1))
            choices = parent.keys() if isinstance(parent, Mapping) else [
                n.rpartition(".")[2] for n in all_names(context)]
            best = nearest(name, choices)
            full = f"{written.group(1)}.{name}"
            if best:
                return f"there is no `{full}`; did you mean `{written.group(1)}.{best}`?"
            return no_such_name(full, [])
        return no_such_name(name, [n.rpartition(".")[2] for n in all_names(context)])
    undefined = _UNDEFINED.search(message)
    if undefined:
        return no_such_name(undefined.group(1), context.keys())
    return None
