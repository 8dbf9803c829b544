"""Rendering campaign templates (letters, motions) safely.

Campaign templates are written by campaign staff and may be edited in the browser, so they are treated
as untrusted code: an immutable sandbox, no globals, strict undefined values, capped size, and an
allow-list of placeholder names. Templates produce Markdown; every *value* is escaped for Markdown so that
what a resident types ("*", "[link](...)", "# heading") always comes out as the literal text they typed.

Each render has a budget (``MAX_RENDER_SECONDS``, loop items, output size, number sizes, sizes given to
filters): a template over it is refused with a message naming the line, at save (rendered with the longest
data a resident may type, see ``sample.longest_context``) and at every use.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import plain_errors
from ..nations.names import capfirst, with_article

MAX_TEMPLATE_CHARS = 50_000
MAX_OUTPUT_CHARS = 100_000

# The budget of one render (a letter takes milliseconds): staff templates are code run on residents'
# requests, so a loop over a resident's 2,000 characters inside another, or 10 ** (10 ** 7), must stop
# with a message instead of holding a worker or its memory.
MAX_RENDER_SECONDS = 1.0
MAX_LOOP_ITEMS = 1_000  # every {% for %} of one render together
MAX_NUMBER_BITS = 4_096  # about 1,200 digits: far beyond any figure, far below a slow number
MAX_SIZE_ARGUMENT = 1_000  # widths and counts given to filters and methods: center(1000), indent(1000)

# Names each kind of template may use. Anything else is a typo or an attempt to reach further.
ALLOWED_NAMES: dict[str, frozenset[str]] = {
    "letter_mp": frozenset({"campaign", "sender", "mp", "constituency", "council", "authority", "local",
                            "asks", "personal", "date", "opening", "nation"}),
    "letter_council": frozenset({"campaign", "sender", "council", "authority", "leader", "local", "asks",
                                 "personal", "date", "constituency", "opening", "nation"}),
    "motion": frozenset({"campaign", "council", "authority", "local", "asks", "proposer", "seconder",
                         "meeting", "mps", "date", "nation"}),
}

# "&" too: "&lt;b&gt;" or "&NewLine;" typed by a resident is text to print as typed, not an entity to decode.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")
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


class OverBudget(TemplateError):
    """A template asked for more work or memory than one render may take."""


@dataclass
class _Budget:
    deadline: float
    loop_items: int = 0
    output_chars: int = 0


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("template_budget", default=None)


def _tick() -> _Budget | None:
    budget = _budget.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise OverBudget(f"this template takes too long to fill in (over {MAX_RENDER_SECONDS:g} second for one "
                         "letter): simplify the loops or the arithmetic on this line")
    return budget


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_size(value: Any) -> Any:
    if _size(value) > MAX_OUTPUT_CHARS:
        raise OverBudget(f"this line makes a text or list longer than {MAX_OUTPUT_CHARS:,}, the most a letter "
                         "may hold")
    return value


def _check_number(value: int) -> None:
    if isinstance(value, int) and abs(value).bit_length() > MAX_NUMBER_BITS:
        raise OverBudget("this line works out a number too large for a letter (over about 1,200 digits)")


# Widths and precisions in "%08.2f" and "{:>8.2f}" formats
_FORMAT_WIDTH = re.compile(r"%[#0\- +]*(\d*)(?:\.(\d*))?|\{[^{}:]*:[^{}\d]*(\d*)(?:\.(\d*))?")


def _check_arguments(name: str, value: Any, args: tuple, kwargs: dict) -> None:
    """Refuse arguments that would make one call allocate far more than a letter, before it runs."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE_ARGUMENT:
            raise OverBudget(f"'{name}' was given {arg:,}; numbers given to filters and methods may be at most "
                             f"{MAX_SIZE_ARGUMENT:,}")
    if name in ("format", "format_map") and isinstance(value, str):
        if any(n and int(n) > MAX_SIZE_ARGUMENT for found in _FORMAT_WIDTH.findall(value) for n in found):
            raise OverBudget(f"a width in this format is over {MAX_SIZE_ARGUMENT:,}")
    if name == "replace" and isinstance(value, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = (len(value) + 1) if old == "" else value.count(old)
        _refuse_if_longer(len(value) + count * len(new))
    if name == "join":
        items, separator = (args[0], value) if isinstance(value, str) and args else (value, args[0] if args else "")
        if isinstance(items, (list, tuple)):
            _refuse_if_longer(sum(len(item) if isinstance(item, str) else 20 for item in items)
                              + len(items) * len(str(separator)))


def _refuse_if_longer(length: int) -> None:
    if length > MAX_OUTPUT_CHARS:
        raise OverBudget(f"this line makes a text longer than {MAX_OUTPUT_CHARS:,}, the most a letter may hold")


def _guarded_filter(name: str, func: Any) -> Any:
    @functools.wraps(func)  # keeps jinja_pass_arg, so context/environment filters still get theirs
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        plain = [a for a in args if not hasattr(a, "environment") and not hasattr(a, "autoescape")]
        if plain:
            _check_arguments(name, plain[0], tuple(plain[1:]), kwargs)
        return _check_size(func(*args, **kwargs))
    return guarded


def _counted(iterable: Any) -> Iterator[Any]:
    """What every {% for %} loops over: each item counts against the render's loop and time budget."""
    for item in iterable:
        budget = _tick()
        if budget is not None:
            budget.loop_items += 1
            if budget.loop_items > MAX_LOOP_ITEMS:
                raise OverBudget(f"the loops in this template repeat more than {MAX_LOOP_ITEMS:,} times in all")
        yield item


class _BudgetedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with every operator, call, filter, loop and concatenation checked against the budget."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None, lineno=loop.lineno)
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [nodes.Filter(node, "_sized", [], [], None, None, lineno=concat.lineno)
                            for node in concat.nodes]
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if right > 0 and (abs(int(left)).bit_length() or 1) * right > MAX_NUMBER_BITS:
                raise OverBudget("this line raises a number to a power too large for a letter")
        if operator == "*":
            if isinstance(left, int) and isinstance(right, (str, list, tuple)):
                left, right = right, left
            if isinstance(left, (str, list, tuple)) and isinstance(right, int):
                if len(left) * max(right, 0) > MAX_OUTPUT_CHARS:
                    raise OverBudget(f"this line repeats a text or list to more than {MAX_OUTPUT_CHARS:,}, the "
                                     "most a letter may hold")
            elif isinstance(left, int) and isinstance(right, int):
                if abs(left).bit_length() + abs(right).bit_length() > MAX_NUMBER_BITS:
                    raise OverBudget("this line multiplies numbers too large for a letter")
        if operator == "%" and isinstance(left, str):
            _check_arguments("format", left, (), {})
            if "*" in left:
                raise OverBudget("a width given as * is not allowed in a campaign template")
        result = super().call_binop(context, operator, left, right)
        _check_number(result)
        return _check_size(result)

    def wrap_str_format(self, value: Any) -> Any:
        # The sandbox hands "...".format back as its own function, which then skips call(): check it here.
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            _tick()
            _check_arguments("format", text, args, kwargs)
            return _check_size(wrapped(*args, **kwargs))
        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own
        _tick()
        _check_arguments(getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None), args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))


def _finalize(value: Any) -> str:
    """What each {{ }} prints, escaped for Markdown; all of them together count against the output budget."""
    text = escape_markdown(value)
    budget = _tick()
    if budget is not None:
        budget.output_chars += len(text)
        if budget.output_chars > MAX_OUTPUT_CHARS:
            raise OverBudget(f"the letter would be longer than {MAX_OUTPUT_CHARS:,} characters")
    return text


class Templates:
    """A sandboxed set of campaign templates, held in memory under keys like ``bright-futures/motion``."""

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, str]] = {}
        self._env = _BudgetedSandbox(
            loader=FunctionLoader(self._source),
            undefined=StrictUndefined,
            autoescape=False,  # output is Markdown, escaped by finalize; HTML escaping happens at rendering
            finalize=_finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._env.globals.clear()  # no range(), dict(), lipsum(), cycler(): templates get only their data
        # "{{ authority.in_area | capfirst }}" starts a sentence ("In the Isles of Scilly"); Jinja's own
        # capitalize would lower-case the rest of the name.
        self._env.filters["capfirst"] = capfirst
        self._env.filters["the"] = with_article  # "{{ local.cpp.area_name | the }}": "the Isles of Scilly"
        self._env.filters = {name: _guarded_filter(name, func) for name, func in self._env.filters.items()}
        self._env.filters["_counted"] = _counted
        self._env.filters["_sized"] = _check_size

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
        template = self._env.get_template(key)
        budget = _budget.set(_Budget(deadline=time.monotonic() + MAX_RENDER_SECONDS))
        try:
            output = template.render(context)
        except TemplateError as exc:
            line = _template_line(exc, filename)
            lines = source.splitlines()
            line_text = lines[line - 1] if line and line <= len(lines) else None
            message = plain_errors.undefined_message(str(exc), line_text, context) or _describe(exc)
            raise TemplateProblems([TemplateProblem(filename, line, message)]) from None
        except (ArithmeticError, ValueError, TypeError, LookupError, RecursionError, MemoryError) as exc:
            # 1/0, int('x'), a number too long to print, a macro calling itself: the template's fault, so a
            # message naming the line rather than a 500.
            raise TemplateProblems([TemplateProblem(filename, _template_line(exc, filename),
                                                    f"this line cannot be worked out: {exc}")]) from None
        finally:
            _budget.reset(budget)
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
