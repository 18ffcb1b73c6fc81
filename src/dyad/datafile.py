"""dyad's YAML data files, read so that every error can name ``file:line``.

One loader for all of them: the trigger lexicon, the actor knowledge base, the
PLOVER table and the language folder (``dyad/lang/en``). It is a safe loader
that

* records under ``__line__`` the line each mapping starts on (``read_yaml``),
  or keeps the whole file as nodes so each key, item and value has its own
  line (``YamlTree``, for files checked item by item);
* reads only true/false as booleans: in these files "on", "off" and "no" are
  words, and "NO" is Norway;
* keeps dates as text, so a bad one ("2020-13-45") becomes the reader's own
  error with its line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from dyad.errors import ConfigError

LINE = "__line__"


class LineLoader(yaml.SafeLoader):
    """A SafeLoader that records the line of every mapping under ``__line__``."""


def _construct_line_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_line_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(text: str, origin: str) -> Any:
    """The file's data, each mapping with its ``__line__``; bad YAML is a ``ConfigError`` at its line."""
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        raise yaml_error(exc, origin) from exc


class YamlTree:
    """A file kept as YAML nodes: ``where(node)`` is the ``file:line`` of any key,
    item or value, ``value(node)`` the Python value of a scalar."""

    def __init__(self, text: str, origin: str):
        self.origin = origin
        self._loader = LineLoader(text)
        try:
            self.root: yaml.Node | None = self._loader.get_single_node()
        except yaml.YAMLError as exc:
            raise yaml_error(exc, origin) from exc
        finally:
            self._loader.dispose()

    def where(self, node: yaml.Node | None) -> str:
        return f"{self.origin}:{node.start_mark.line + 1 if node is not None else 1}"

    def value(self, node: yaml.Node) -> Any:
        return self._loader.construct_object(node, deep=True)


def yaml_error(exc: yaml.YAMLError, origin: str) -> ConfigError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or exc
    return ConfigError(f"{origin}{line}: not valid YAML ({problem})")
