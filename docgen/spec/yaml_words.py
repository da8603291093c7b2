"""PyYAML's words for a syntax error, said plainly in the user's language.

libyaml (and PyYAML's own parser where libyaml is missing) names a syntax error by what
it was reading (the context: "while parsing a flow sequence") and what it found (the
problem: "did not find expected ',' or ']'").  Both are a fixed set of phrases; each is
said here as a person writing a spec would understand it.  A phrase not in the table is
passed on as PyYAML wrote it, so nothing is lost if a later version words it otherwise.
"""

from __future__ import annotations

import re

from docgen.i18n import tr

# "expected ',' or ']', but got '<stream end>'" (PyYAML's own parser) names what it got;
# the part after "but" is said separately.
_BUT = re.compile(r",? but (?:found|got) .*$")


def _contexts() -> dict[str, str]:
    return {
        "while parsing a block collection": tr("in this list of - items"),
        "while parsing a block mapping": tr("in these key: value lines"),
        "while parsing a flow sequence": tr("in this [ … ] list"),
        "while parsing a flow mapping": tr("in this { … } mapping"),
        "while parsing a node": tr("in this value"),
        "while parsing a block node": tr("in this value"),
        "while parsing a flow node": tr("in this value"),
        "while parsing a quoted scalar": tr("in this quoted text"),
        "while scanning a quoted scalar": tr("in this quoted text"),
        "while scanning a simple key": tr("in this key"),
        "while scanning a plain scalar": tr("in this text"),
        "while scanning a block scalar": tr("in this block of text (| or >)"),
        "while scanning a directive": tr("in this directive (%)"),
        "while scanning for the next token": "",
        "while constructing a mapping": tr("in this mapping"),
        "expected a single document in the stream": tr("a spec is one YAML document"),
    }


def _problems() -> dict[str, str]:
    return {
        "did not find expected '-' indicator": tr(
            "a list item is missing its '- ', or the items are not lined up"
        ),
        "expected <block end>": tr("a line here is indented unlike the lines of its level"),
        "did not find expected key": tr(
            "a 'key: value' line was expected: check the indent and the colon"
        ),
        "did not find expected ',' or ']'": tr("the [ is not closed: a ']' is missing"),
        "expected ',' or ']'": tr("the [ is not closed: a ']' is missing"),
        "did not find expected ',' or '}'": tr("the { is not closed: a '}' is missing"),
        "expected ',' or '}'": tr("the { is not closed: a '}' is missing"),
        "did not find expected node content": tr("a value is missing here"),
        "expected the node content": tr("a value is missing here"),
        "could not find expected ':'": tr("a key needs a colon and a space after it (key: …)"),
        "found unexpected end of stream": tr("the file ends before the quotes are closed"),
        "found unexpected document indicator": tr(
            "a line of --- or ... comes before the quotes are closed"
        ),
        "found unknown escape character": tr(
            "a backslash in double quotes starts an escape: write \\\\ for one backslash,"
            " or use single quotes"
        ),
        "found character that cannot start any token": tr(
            "a value cannot start with this character (such as @ or `): put the value in quotes"
        ),
        "did not find expected alphabetic or numeric character": tr(
            "a letter or digit was expected here"
        ),
        "mapping values are not allowed in this context": tr(
            "a second ': ' on this line: put a value that holds ': ' in quotes"
        ),
        "mapping values are not allowed here": tr(
            "a second ': ' on this line: put a value that holds ': ' in quotes"
        ),
        "block sequence entries are not allowed in this context": tr(
            "a '- ' item cannot start here: check the indent"
        ),
        "block sequence entries are not allowed here": tr(
            "a '- ' item cannot start here: check the indent"
        ),
        "found undefined alias": tr(
            "*… names an anchor that is not defined: write the value itself, or quote text"
            " that starts with *"
        ),
        "found duplicate anchor": tr("this anchor (&) is defined twice"),
        "but found another document": tr("a second document (---) starts here"),
        "found a tab character that violates indentation": tr(
            "a tab indents this line: YAML indents with spaces"
        ),
        "found a tab character that violate indentation": tr(
            "a tab indents this line: YAML indents with spaces"
        ),
        "found a tab character where an indentation space is expected": tr(
            "a tab indents this line: YAML indents with spaces"
        ),
        "found unexpected ':'": tr("a colon here is not allowed: put the value in quotes"),
        "did not find expected hexdecimal number": tr(
            "an escape \\x, \\u or \\U needs hexadecimal digits"
        ),
        "expected escape sequence of hexadecimal numbers": tr(
            "an escape \\x, \\u or \\U needs hexadecimal digits"
        ),
        "found invalid Unicode character escape code": tr("this escape names no Unicode character"),
        "did not find expected comment or line break": tr(
            "only a comment or the end of the line may follow here"
        ),
        "found an indentation indicator equal to 0": tr("a block's indent cannot be 0"),
        "did not find expected whitespace or line break": tr(
            "a space or the end of the line was expected here"
        ),
        "found undefined tag handle": tr("this tag (!) is not defined"),
        "did not find expected <document start>": tr("a document start (---) was expected"),
        "found unhashable key": tr("a key cannot be a list or a mapping"),
    }


def _wholes() -> dict[str, str]:
    """Contexts that say all there is to say: a value that starts with a YAML sign."""
    return {
        "while scanning an alias": tr(
            "a value that starts with * is read as a YAML alias (*name): put it in quotes"
        ),
        "while scanning an anchor": tr(
            "a value that starts with & is read as a YAML anchor (&name): put it in quotes"
        ),
        "while scanning a tag": tr(
            "a value that starts with ! is read as a YAML tag: put it in quotes"
        ),
    }


def whole(context: str) -> str | None:
    """The whole message for an error in ``context``, when the context says it all."""
    return _wholes().get(context.strip())


def plain_context(context: str) -> str:
    """The context of a YAML error in plain words ("" where it adds nothing)."""
    return _contexts().get(context.strip(), context)


def plain_problem(problem: str) -> str:
    """The problem of a YAML error in plain words."""
    problem = problem.strip()
    table = _problems()
    if problem in table:
        return table[problem]
    head = _BUT.sub("", problem)  # PyYAML's parser: "expected …, but found …"
    return table.get(head, problem)
