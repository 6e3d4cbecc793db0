"""Bad input is refused with a message naming each field, through the API and the command line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InvalidFindings, assess, findings_schema, respond
from calculator.api import decode
from tests.support.sources import FORM_WORDS

ROOT = Path(__file__).resolve().parents[1]
VALID = {
    "laterality": "unilateral",
    "course": "stable",
    "cauda_equina": False,
    "multilevel_motor_deficit": False,
    "severe_deficit": False,
    "days_since_onset": 10,
}
OPTIONAL_DEFAULTS = {
    "mri": "not_done",
    "functional_impairment": False,
    "instability": False,
    "recurrent_herniation": False,
    "chronic_axial_pain": False,
    "heavy_manual_labor": False,
    "significant_preoperative_axial_pain": False,
}
ENUM_FIELDS = ("laterality", "course", "mri")
BOOL_FIELDS = (
    "cauda_equina",
    "multilevel_motor_deficit",
    "severe_deficit",
    "functional_impairment",
    "instability",
    "recurrent_herniation",
    "chronic_axial_pain",
    "heavy_manual_labor",
    "significant_preoperative_axial_pain",
)
INT_FIELDS = {"days_since_onset": (0, 3650), "dorsiflexion_mrc": (0, 4)}

WRONG_ENUM: tuple[object, ...] = ("yes", 1, None, True, "", "Unilateral")
WRONG_BOOL: tuple[object, ...] = ("yes", "true", 1, 0, None, [])
WRONG_INT: tuple[object, ...] = (3.5, "3", True, None, 1.0, -1)
BAD: list[tuple[str, object]] = (
    [(f, v) for f in ENUM_FIELDS for v in WRONG_ENUM]
    + [(f, v) for f in BOOL_FIELDS for v in WRONG_BOOL]
    # null is how the assessment says "not given" for the optional grade, so it is accepted there.
    + [(f, v) for f in INT_FIELDS for v in WRONG_INT if (f, v) != ("dorsiflexion_mrc", None)]
    + [(f, hi + 1) for f, (_, hi) in INT_FIELDS.items()]
)


def run_cli(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.mark.parametrize(("field", "value"), BAD, ids=[f"{f}={v!r}" for f, v in BAD])
def test_a_wrong_value_is_refused_naming_its_field(field, value):
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, field: value})
    assert list(raised.value.errors) == [field]
    assert raised.value.errors[field]


@pytest.mark.parametrize("field", [k for k in VALID])
def test_a_missing_required_field_is_refused(field):
    with pytest.raises(InvalidFindings) as raised:
        assess({k: v for k, v in VALID.items() if k != field})
    assert raised.value.errors == {field: "is required"}


def test_grade_5_is_refused_because_it_is_not_foot_drop():
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, "dorsiflexion_mrc": 5})
    assert "not foot drop" in raised.value.errors["dorsiflexion_mrc"]


def test_an_unknown_key_is_refused():
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, "age": 40})
    assert raised.value.errors == {"age": "unknown field"}


@pytest.mark.parametrize("data", [[], "text", 3, None, [VALID]])
def test_anything_but_an_object_is_refused(data):
    with pytest.raises(InvalidFindings) as raised:
        assess(data)
    assert list(raised.value.errors) == ["input"]


def test_every_problem_is_reported_at_once():
    with pytest.raises(InvalidFindings) as raised:
        assess({"laterality": "both", "days_since_onset": -3, "extra": 1})
    assert set(raised.value.errors) == {
        "laterality",
        "days_since_onset",
        "extra",
        "course",
        "cauda_equina",
        "multilevel_motor_deficit",
        "severe_deficit",
    }


def test_defaults_fill_the_optional_fields():
    assert assess(VALID)["findings"] == {**VALID, **OPTIONAL_DEFAULTS, "dorsiflexion_mrc": None}


@pytest.mark.parametrize(("field", "value"), BAD[::5], ids=[f"{f}={v!r}" for f, v in BAD[::5]])
def test_the_command_line_prints_one_error_line_per_field_and_exits_2(field, value):
    result = run_cli("assess", "-", stdin=json.dumps({**VALID, field: value}))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"error: {field}: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("text", ["not json", "{", "[1, 2]", ""])
def test_the_command_line_refuses_text_that_is_not_a_json_object(text):
    result = run_cli("assess", "-", stdin=text)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: input: ")


def test_the_command_line_refuses_a_missing_file(tmp_path):
    result = run_cli("assess", str(tmp_path / "absent.json"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: input: cannot read")


def test_the_command_line_assesses_a_file(tmp_path):
    path = tmp_path / "findings.json"
    path.write_text(json.dumps({**VALID, "days_since_onset": 30}))
    result = run_cli("assess", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pathway"] == "imaging_first"  # stable on day 30, no MRI yet


def test_the_command_line_prints_the_schema_the_module_holds():
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == findings_schema()


def test_the_command_line_has_help():
    result = run_cli("--help")
    assert result.returncode == 0 and "assess" in result.stdout and "schema" in result.stdout


def test_the_schema_describes_every_field_with_title_description_and_option_labels():
    schema = findings_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(VALID)
    assert set(schema["properties"]) == set(VALID) | set(OPTIONAL_DEFAULTS) | {"dorsiflexion_mrc"}
    for name, prop in schema["properties"].items():
        assert prop["title"] and "description" in prop, name
        if name in ENUM_FIELDS or name in BOOL_FIELDS:
            assert all(option["title"] for option in prop["oneOf"]), name
    labels = [o["title"] for o in schema["properties"]["cauda_equina"]["oneOf"]]
    assert labels == ["Yes", "No"]
    assert schema["properties"]["cauda_equina"]["title"] == (
        "Cauda equina syndrome or its symptoms, present or suspected (for example urinary retention or bowel "
        "dysfunction)"
    )
    assert [o["title"] for o in schema["properties"]["mri"]["oneOf"]][1:] == [
        "MRI shows compression, by a disc herniation, of the nerve root that explains the foot drop",
        "MRI shows no such compression (none, from another cause, or a herniation that does not explain the foot drop)",
    ]


RENAMED_MESSAGE = (
    'is now "cauda_equina" (contract version 3), which also covers a suspected cauda equina syndrome and its '
    "symptoms: answer it anew rather than copy the old value"
)


def test_the_version_2_key_is_refused_with_a_message_that_names_its_successor():
    old = {("bladder_bowel_dysfunction" if k == "cauda_equina" else k): v for k, v in VALID.items()}
    with pytest.raises(InvalidFindings) as raised:
        assess(old)
    assert raised.value.errors == {
        "bladder_bowel_dysfunction": RENAMED_MESSAGE,
        "cauda_equina": "is required",
    }
    result = run_cli("assess", "-", stdin=json.dumps({**VALID, "bladder_bowel_dysfunction": True}))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: bladder_bowel_dysfunction: {RENAMED_MESSAGE}\n"


def test_a_grade_below_0_is_refused_without_the_note_about_grade_5():
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, "dorsiflexion_mrc": -1})
    assert raised.value.errors == {"dorsiflexion_mrc": "must be from 0 to 4"}


def test_an_unknown_key_of_any_length_is_named_by_its_first_40_characters():
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, "x" * 5000: True})
    assert raised.value.errors == {"x" * 40 + "...": "unknown field"}
    with pytest.raises(InvalidFindings) as raised:
        assess({**VALID, "x" * 50: True, "x" * 60: True})
    assert raised.value.errors == {"x" * 40 + "...": "unknown field", "x" * 40 + "... (2)": "unknown field"}


def test_the_schema_and_an_assessment_say_what_the_guideline_does_not_address():
    note = FORM_WORDS["not addressed"]  # as the contract gives it
    assert findings_schema()["x-not-addressed"] == note
    assert "lumbar disc herniation" in findings_schema()["description"]
    assert assess(VALID)["scope"]["not_addressed"] == note


def test_every_choice_question_offers_each_member_of_its_enum_once():
    import enum

    from calculator.findings import QUESTIONS

    for question in QUESTIONS:
        if isinstance(question.kind, type) and issubclass(question.kind, enum.Enum):
            assert [member for member, _ in question.options] == list(question.kind), question.name


# Hostile input: the boundary answers every one with per-field errors (exit 2), never a traceback.
HOSTILE = [
    (
        "a field given twice",
        b'{"laterality": "unilateral", "laterality": "bilateral"}',
        "laterality: is given more than once",
    ),
    ("deep nesting", b"[" * 5000, "input: nested too deeply"),
    (
        "an MRC grade of 4,301 digits",
        json.dumps(VALID).encode()[:-1] + b', "dorsiflexion_mrc": ' + b"9" * 4301 + b"}",
        "dorsiflexion_mrc: must be from 0 to 4 (a number of 4301 digits)",
    ),
    (
        "a day count of 13 negative digits",
        json.dumps({**VALID, "days_since_onset": -1234567890123}).encode(),
        "days_since_onset: must be from 0 to 3650 (a number of 13 digits)",
    ),
    (
        "a yes-or-no answer of 5,000 digits",
        json.dumps(VALID).encode()[:-1] + b', "instability": ' + b"1" * 5000 + b"}",
        "instability: must be true or false",
    ),
    ("NaN", b'{"days_since_onset": NaN}', "input: NaN is not a JSON number"),
    ("Infinity", b'{"days_since_onset": -Infinity}', "input: -Infinity is not a JSON number"),
    ("bytes that are not UTF-8", b'{"laterality": "\xff"}', "input: not UTF-8 text (invalid start byte at byte 16)"),
    ("a megabyte of spaces", b" " * 1_000_000 + b"{}", "input: more than 65536 characters"),
]


@pytest.mark.parametrize(("what", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_on_standard_input_is_an_error_line_not_a_traceback(what, data, message):
    result = subprocess.run(
        [sys.executable, "-m", "calculator", "assess", "-"],
        input=data,
        capture_output=True,
        cwd=ROOT,
        check=False,
        # A strict UTF-8 locale: decoding stdin there used to raise before the error handling.
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == f"error: {message}\n"


def test_the_assessments_own_findings_are_valid_input():
    first = assess({**VALID, "mri": "compression"})
    assert first["findings"]["dorsiflexion_mrc"] is None
    assert assess(first["findings"])["findings"] == first["findings"]


def test_respond_answers_duplicate_keys_with_the_field_in_error():
    reply = json.loads(respond('{"course": "stable", "course": "progressive"}'))
    assert reply == {"errors": {"course": "is given more than once"}}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6),
    max_leaves=20,
)
FIELDS = st.dictionaries(st.sampled_from([*VALID, *OPTIONAL_DEFAULTS, "dorsiflexion_mrc", "extra"]), JSON)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON, FIELDS, st.builds(lambda extra: {**VALID, **extra}, FIELDS)))
def test_any_json_gives_an_assessment_or_per_field_errors(data):
    reply = json.loads(respond(json.dumps(data)))
    assert list(reply) in (["assessment"], ["errors"])
    if "errors" in reply:
        assert reply["errors"] and all(isinstance(m, str) and m for m in reply["errors"].values())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_an_assessment_or_per_field_errors(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(InvalidFindings) as raised:
            decode(data)
        assert list(raised.value.errors) == ["input"]
        return
    reply = json.loads(respond(text))
    assert list(reply) in (["assessment"], ["errors"])
    if "errors" in reply:
        assert reply["errors"] and all(isinstance(m, str) and m for m in reply["errors"].values())


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=100))
def test_the_command_line_never_ends_in_a_traceback(data):
    result = subprocess.run(
        [sys.executable, "-m", "calculator", "assess", "-"], input=data, capture_output=True, cwd=ROOT, check=False
    )
    assert result.returncode in (0, 2) and b"Traceback" not in result.stderr
    if result.returncode == 2:
        assert result.stdout == b"" and all(line.startswith(b"error: ") for line in result.stderr.splitlines())
