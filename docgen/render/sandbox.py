"""Jinja's sandbox, bounded: templates and text fields may compute, but not without end.

* Every call, attribute and item lookup, intercepted operator and step of ``range`` takes
  one step of a budget (limits.py ``template-steps``); the time a spec's templates take is
  bounded too (``template-time``), also where a loop over the spec's own lists touches
  no intercept (a timer in the main thread).
* Operators and calls that could make one huge value in a single step — ``'x' * 10**9``,
  ``9 ** (9 ** 9)``, ``'%0999999999d' % 1``, ``'x'.ljust(10**9)``, a filter with a width
  of 10**9 — are refused before they run when the value would pass ``field-text``.
* Only plain values become text: a mapping, a list, a function or any other object printed
  with ``{{ }}`` is an error naming the variable, never its Python repr in a document.
* The globals are what a template author needs: ``range`` and ``namespace``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import math
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from markupsafe import Markup

from docgen import limits


class TemplateLimit(Exception):
    """A template asked for more than a limit allows."""

    def __init__(self, limit: str, detail: str = "") -> None:
        self.limit = limit
        super().__init__(f"{detail}{': ' if detail else ''}{limits.exceeded(limit)}")


class NotText(Exception):
    """``{{ value }}`` printed a value that is not text (a mapping, a list, an object)."""

    def __init__(self, value: Any) -> None:
        self.value = value
        super().__init__(type(value).__name__)


_PLAIN = (str, int, float, Decimal, dt.date)


def plain_text(value: Any) -> Any:
    """Jinja's ``finalize``: what ``{{ }}`` prints must be text, a number or a date (an
    undefined value passes, to fail as undefined)."""
    if isinstance(value, (Markup, *_PLAIN, jinja2.Undefined)):
        return value
    raise NotText(value)


class Budget:
    """Steps and seconds left for rendering one spec (shared by its fields and templates)."""

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = math.inf

    def start(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + limits.current("template-time")

    def charge(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > limits.current("template-steps"):
            raise TemplateLimit("template-steps")
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise TemplateLimit("template-time")


BUDGET = Budget()


@contextlib.contextmanager
def bounded_time() -> Iterator[None]:
    """Render within ``template-time``: a timer interrupts a loop that touches no
    intercept (only in the main thread, where signals arrive; elsewhere the budget's
    own clock is all there is)."""
    BUDGET.start()
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit("template-time")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, limits.current("template-time"))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _most() -> int:
    return limits.current("field-text")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


_WIDTH = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*?:[^{}\d]*(\d+)")


def _check_widths(template: str, args: tuple) -> None:
    """Field widths in a %-format or str.format string, and the ints a ``*`` width takes."""
    star = False
    for match in _WIDTH.finditer(template):
        for number in match.groups():
            star = star or number == "*"
            if number and number.isdigit() and int(number) > _most():
                raise TemplateLimit("field-text", f"a field width of {number}")
    if star:
        for arg in args:
            _check_number(arg)


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _most():
        raise TemplateLimit("field-text", f"the number {value} as a size")


def _times(left: Any, right: Any) -> Any:
    for seq, count in ((left, right), (right, left)):
        if _size(seq) and isinstance(count, int) and _size(seq) * count > _most():
            raise TemplateLimit("field-text", "a repeated text")
    return left * right


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        bits = right * math.log2(abs(left))
        if bits > 4 * _most():
            raise TemplateLimit("field-text", f"{left} ** {right}")
    return left**right


def _plus(left: Any, right: Any) -> Any:
    if _size(left) + _size(right) > _most():
        raise TemplateLimit("field-text", "a joined text")
    return left + right


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_widths(left, right if isinstance(right, tuple) else (right,))
    return left % right


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": _times,
    "**": _power,
    "+": _plus,
    "%": _modulo,
}


class _Namespace(Namespace):
    """``namespace()`` whose attributes stay within the text limit when set in a loop."""

    def __setitem__(self, name: str, value: Any) -> None:
        if _size(value) > _most():
            raise TemplateLimit("field-text", f"namespace attribute {name}")
        super().__setitem__(name, value)


def _range(*args: int) -> Iterator[int]:
    """``range`` whose every step takes a step of the budget."""
    for arg in args:
        _check_number(arg)
    for value in range(*args):
        BUDGET.charge()
        yield value


# Filters and str methods whose numbers are sizes of what they make.
_SIZED_FILTERS = {"center", "indent"}
_SIZED_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}


def _bounded_filter(function: Callable, name: str) -> Callable:
    """A filter whose call takes a step of the budget; its sizes and what it makes stay
    within the text limit."""

    def call(*args: Any, **kwargs: Any) -> Any:
        BUDGET.charge()
        if name in _SIZED_FILTERS:
            for value in (*args[1:], *kwargs.values()):
                _check_number(value)
        if name == "format" and args and isinstance(args[0], str):
            _check_widths(args[0], args[1:])
        result = function(*args, **kwargs)
        if _size(result) > _most():
            raise TemplateLimit("field-text", f"the filter {function.__name__}")
        return result

    for attribute in ("jinja_pass_arg",):  # pass_context & co. must survive the wrapping
        if hasattr(function, attribute):
            setattr(call, attribute, getattr(function, attribute))
    call.__name__ = getattr(function, "__name__", "filter")
    return call


# The names templates looked up while :func:`names_used` is recording (one build's).
_USED: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("used", default=None)


class _RecordingContext(jinja2.runtime.Context):
    """Jinja's context, noting each name a template resolves from it: what the rendering
    really used of the variables it was given (a --set or a data column nobody uses)."""

    def resolve_or_missing(self, key: str) -> Any:
        used = _USED.get()
        if used is not None:
            used.add(key)
        return super().resolve_or_missing(key)


@contextlib.contextmanager
def names_used() -> Iterator[set[str]]:
    """The names every template rendered within the block looked up."""
    used: set[str] = set()
    token = _USED.set(used)
    try:
        yield used
    finally:
        _USED.reset(token)


class Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(_BINOPS)
    context_class = _RecordingContext

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=plain_text, **options)
        self.globals = {"range": _range, "namespace": _Namespace}
        self.filters = {name: _bounded_filter(f, name) for name, f in self.filters.items()}

    def add_filters(self, **filters: Callable) -> None:
        self.filters.update({name: _bounded_filter(f, name) for name, f in filters.items()})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        BUDGET.charge()
        return _BINOPS[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        BUDGET.charge()
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and method in ("format", "format_map"):
            _check_widths(owner, ())
        if (isinstance(owner, str) and method in _SIZED_METHODS) or __obj is _range:
            for value in (*args, *kwargs.values()):
                _check_number(value)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        BUDGET.charge()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        BUDGET.charge()
        return super().getitem(obj, argument)


class _Mapping(dict):
    """A mapping of the spec's variables: it prints as nothing but an error, however it is
    made text (``~``, ``|string``, ``|join``, ``%``, ``.format``)."""

    def __str__(self) -> str:
        raise NotText(self)

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        raise NotText(self)


class _List(list):
    """A list of the spec's variables, like :class:`_Mapping`."""

    def __str__(self) -> str:
        raise NotText(self)

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        raise NotText(self)


def guarded(value: Any) -> Any:
    """The spec's variables as templates see them: mappings and lists that refuse to
    become text (so no Python repr can reach a document)."""
    if isinstance(value, dict):
        return _Mapping({k: guarded(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return _List(guarded(v) for v in value)
    return value


def variable_named(value: Any, variables: dict[str, Any], depth: int = 3) -> str | None:
    """The name under which ``value`` (the very object) is found in ``variables``: ``unit``,
    ``units[0]``, ``org.name``."""
    stack: list[tuple[str, Any, int]] = [(name, v, 0) for name, v in variables.items()]
    while stack:
        name, candidate, level = stack.pop(0)
        if candidate is value:
            return name
        if level >= depth:
            continue
        if isinstance(candidate, dict):
            stack += [(f"{name}.{k}", v, level + 1) for k, v in candidate.items()]
        elif isinstance(candidate, list):
            stack += [(f"{name}[{i}]", v, level + 1) for i, v in enumerate(candidate)]
    return None


def describe_value(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if callable(value):
        return "a function"
    return f"an object ({type(value).__name__})"
