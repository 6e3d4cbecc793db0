"""Command line: `python -m calculator assess FILE|-` (findings or a QuestionnaireResponse) and
`python -m calculator schema`."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence

from .api import assess, decode
from .findings import InvalidFindings
from .schema import findings_schema

EXIT_BAD_INPUT = 2


def _read(source: str) -> bytes:
    """The raw bytes: decoding happens in `decode`, inside the error handling, whatever the locale."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as problem:
        raise InvalidFindings({"input": f"cannot read {source}: {problem}"}) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Recommendations of the guideline 'Treatment of foot drop due to disc herniation' "
        "for one patient's findings.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    assess_cmd = commands.add_parser(
        "assess", help="print the assessment of a JSON file of findings, or of a FHIR QuestionnaireResponse"
    )
    assess_cmd.add_argument("file", help="JSON file of findings or a QuestionnaireResponse, or - for standard input")
    commands.add_parser("schema", help="print the JSON Schema of the findings")
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(findings_schema(), indent=2))
        return 0
    try:
        assessment = assess(decode(_read(args.file)))
    except InvalidFindings as problem:
        for name, message in problem.errors.items():
            # One line per problem: a name from the input shows its control characters escaped, never as lines.
            shown = re.sub(r"[\x00-\x1f\x7f]", lambda c: repr(c.group())[1:-1], str(name))
            print(f"error: {shown}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps(assessment, indent=2))
    return 0
