"""Reading a YAML rule or word-list file into its pydantic model, with the errors the library raises for it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from timeline.errors import RuleFileError

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)


def read_rule_text(path: Path | str | None, package: str, resource: str) -> tuple[str, str]:
    """The text of a rule file and the name its errors give: ``path``, or the packaged ``resource`` of ``package``.
    Raises RuleFileError when the file cannot be read."""
    if path is None:
        return resources.files(package).joinpath(resource).read_text(encoding="utf-8"), f"{package.replace('.', '/')}/{resource}"
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except OSError as err:
        raise RuleFileError(str(path), "file", str(err)) from err


def validated(model: type[M], raw_text: str, name: str) -> M:
    """The YAML mapping of ``raw_text`` as ``model``. Raises RuleFileError naming the file ``name`` and the first
    offending entry when it is no YAML, no mapping, or does not fit the model."""
    try:
        raw = yaml.load(raw_text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader (libyaml when present)
    except yaml.YAMLError as err:
        raise RuleFileError(name, "yaml", str(err)) from err
    if not isinstance(raw, dict):
        raise RuleFileError(name, "top level", "expected a mapping")
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RuleFileError(name, where, first["msg"]) from err
