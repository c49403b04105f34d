"""Every action a service names is one its module registered, read from the source so that
a misspelt action fails here even where no test runs its service."""

import ast
from pathlib import Path

import safeboard
from safeboard.core.audit import action_choices

SOURCE = Path(safeboard.__file__).parent


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def _named_actions(tree: ast.Module) -> set[str]:
    """String constants given as `action`: by keyword to any call but argparse's, or by
    position to a function of the same module whose parameter of that place is `action`."""
    places = {
        node.name: [arg.arg for arg in node.args.args].index("action")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and "action" in [arg.arg for arg in node.args.args]
    }
    found = set()
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else ast.unparse(call.func)
        given = [kw.value for kw in call.keywords if kw.arg == "action"]
        if name in places and len(call.args) > places[name]:
            given.append(call.args[places[name]])
        if name != "add_argument":
            found |= {
                value.value
                for value in given
                if isinstance(value, ast.Constant) and isinstance(value.value, str)
            }
    return found


def test_every_action_the_source_names_is_registered_by_a_module():
    known = {name for name, _label in action_choices()}
    named = {(path.name, action) for path, tree in _modules() for action in _named_actions(tree)}
    assert len(named) > 90  # the scan finds the services' actions
    assert {(file, action) for file, action in named if action not in known} == set()


def test_the_scan_finds_a_misspelt_action_by_keyword_and_by_position():
    tree = ast.parse(
        "def _audit(actor, action, target): ...\n"
        "audit.record(actor=None, action='glossary.craete')\n"
        "_audit(None, 'annual_report.publsh', None)\n"
        "parser.add_argument('--all', action='store_true')\n"
    )
    assert _named_actions(tree) == {"glossary.craete", "annual_report.publsh"}
