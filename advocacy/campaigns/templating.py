"""Rendering campaign templates (letters, motions) safely.

Campaign templates are written by campaign staff and may be edited in the browser, so they are treated
as untrusted code: an immutable sandbox, no globals, strict undefined values, capped size, and an
allow-list of placeholder names. Templates produce Markdown; every *value* is escaped for Markdown so that
what a resident types ("*", "[link](...)", "# heading") always comes out as the literal text they typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import plain_errors

MAX_TEMPLATE_CHARS = 50_000
MAX_OUTPUT_CHARS = 100_000

# Names each kind of template may use. Anything else is a typo or an attempt to reach further.
ALLOWED_NAMES: dict[str, frozenset[str]] = {
    "letter_mp": frozenset({"campaign", "sender", "mp", "constituency", "council", "authority", "local",
                            "asks", "personal", "date", "opening"}),
    "letter_council": frozenset({"campaign", "sender", "council", "authority", "leader", "local", "asks",
                                 "personal", "date", "constituency", "opening"}),
    "motion": frozenset({"campaign", "council", "authority", "local", "asks", "proposer", "seconder",
                         "meeting", "mps", "date"}),
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)


def escape_markdown(value: Any) -> str:
    """Make a value print as literal text inside Markdown.

    Leading indentation is dropped (four spaces would make a code block); ASCII punctuation that
    Markdown gives meaning to is backslash-escaped, which every renderer shows as the plain character.
    """
    if value is None:
        # StrictUndefined catches missing names; a None that reaches output is a data bug: say so loudly.
        raise TemplateError("a placeholder has no value (None)")
    text = _LEADING_SPACE.sub("", str(value))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class TemplateProblem:
    filename: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.filename}, line {self.line}" if self.line else self.filename
        return f"{where}: {self.message}"


class TemplateProblems(Exception):
    def __init__(self, problems: Iterable[TemplateProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _line_of(source: str, name: str) -> int | None:
    match = re.search(rf"\b{re.escape(name)}\b", source)
    return source.count("\n", 0, match.start()) + 1 if match else None


class Templates:
    """A sandboxed set of campaign templates, held in memory under keys like ``bright-futures/motion``."""

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, str]] = {}
        self._env = ImmutableSandboxedEnvironment(
            loader=FunctionLoader(self._source),
            undefined=StrictUndefined,
            autoescape=False,  # output is Markdown, escaped by finalize; HTML escaping happens at rendering
            finalize=escape_markdown,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._env.globals.clear()  # no range(), dict(), lipsum(), cycler(): templates get only their data

    def _source(self, key: str):  # noqa: ANN202 - FunctionLoader's protocol
        if key not in self._sources:
            return None
        source, filename = self._sources[key]
        return source, filename, lambda: True

    def check(self, source: str, filename: str, kind: str) -> None:
        """Raise TemplateProblems if ``source`` is too big, does not parse, or uses unknown names."""
        if kind not in ALLOWED_NAMES:
            raise TemplateProblems([TemplateProblem(filename, None, f"unknown template kind {kind!r}")])
        if len(source) > MAX_TEMPLATE_CHARS:
            raise TemplateProblems([TemplateProblem(
                filename, None, f"template is {len(source):,} characters; the limit is {MAX_TEMPLATE_CHARS:,}")])
        try:
            ast = self._env.parse(source, filename=filename)
        except TemplateSyntaxError as exc:
            message = plain_errors.syntax_message(exc.message or "syntax error")
            raise TemplateProblems([TemplateProblem(filename, exc.lineno, message)]) from None
        unknown = sorted(meta.find_undeclared_variables(ast) - ALLOWED_NAMES[kind])
        if unknown:
            raise TemplateProblems(
                TemplateProblem(filename, _line_of(source, name), plain_errors.no_such_name(name, ALLOWED_NAMES[kind]))
                for name in unknown
            )

    def register(self, key: str, source: str, filename: str, kind: str) -> None:
        """Check a template and make it renderable under ``key`` (replacing any earlier source)."""
        self.check(source, filename, kind)
        self._sources[key] = (source, filename)
        if self._env.cache is not None:
            self._env.cache.clear()

    def render(self, key: str, context: Mapping[str, Any]) -> str:
        """Render a registered template to Markdown. Raises TemplateProblems naming the line at fault."""
        source, filename = self._sources[key]
        try:
            output = self._env.get_template(key).render(context)
        except TemplateError as exc:
            line = _template_line(exc, filename)
            lines = source.splitlines()
            line_text = lines[line - 1] if line and line <= len(lines) else None
            message = plain_errors.undefined_message(str(exc), line_text, context) or _describe(exc)
            raise TemplateProblems([TemplateProblem(filename, line, message)]) from None
        if len(output) > MAX_OUTPUT_CHARS:
            raise TemplateProblems([TemplateProblem(filename, None, "rendered text is too long")])
        return output


def _template_line(exc: BaseException, filename: str) -> int | None:
    # Jinja rewrites tracebacks so template frames carry the template's file name and line number.
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _describe(exc: TemplateError) -> str:
    text = str(exc.message if hasattr(exc, "message") and exc.message else exc)
    if "unsafe" in text or "access to attribute" in text:
        return f"not allowed in a campaign template: {text}"
    if "is undefined" in text or "has no attribute" in text:
        return f"unknown placeholder: {text}"
    return text
