"""Read and check the language files: ``english()`` once per process.

Each ``<name>.yaml`` in ``dyad/lang/<code>/`` fills the ``dyad.lang.schema``
record of the same name. The checks, each a ``ConfigError`` naming
``file:line``: the file is a mapping of the schema's keys, every key present
and none unknown or given twice; a list holds lower-case words or phrases
(single spaces), none twice; a mapping's keys are such words and its values
of the declared type.
"""

from __future__ import annotations

import keyword

import functools
import types
import typing
from dataclasses import fields
from importlib import resources
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

import yaml

from dyad.datafile import YamlTree
from dyad.errors import ConfigError
from dyad.lang.schema import Language

T = TypeVar("T")


@functools.cache
def load_language(code: str = "en") -> Language:
    """The word lists of ``code`` ("en"), read from the package and checked."""
    try:
        folder = resources.files(f"dyad.lang.{code}")
    except ModuleNotFoundError:
        raise ConfigError(f"no language data for {code!r} (dyad/lang/{code}/)") from None
    files: dict[str, Any] = {}
    hints = get_type_hints(Language)
    for f in fields(Language):
        if f.name == "code":
            continue
        name = f"{f.name}.yaml"
        text = folder.joinpath(name).read_text(encoding="utf-8")
        files[f.name] = read_word_file(hints[f.name], text, f"dyad/lang/{code}/{name}")
    return Language(code=code, **files)


def english() -> Language:
    """The English word lists (cached: read once per process)."""
    return load_language("en")


def read_word_file(schema: type[T], text: str, origin: str) -> T:
    """One language file as its schema record; ``origin`` names it in errors."""
    tree = YamlTree(text, origin)
    root = tree.root
    hints = get_type_hints(schema)
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{tree.where(root)}: a language file maps list names ({', '.join(hints)}) to word lists")
    values: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = tree.value(key_node)
        if keyword.iskeyword(key):  # "yield:" is the field ``yield_``
            key += "_"
        if key not in hints:
            raise ConfigError(f"{tree.where(key_node)}: unknown list {key!r}; known: {', '.join(hints)}")
        if key in values:
            raise ConfigError(f"{tree.where(key_node)}: {key!r} is given twice")
        values[key] = _read_value(tree, value_node, hints[key], key)
    missing = [k.rstrip("_") for k in hints if k not in values]
    if missing:
        raise ConfigError(f"{origin}:1: missing list(s) {', '.join(missing)}")
    return schema(**values)


def _read_value(tree: YamlTree, node: yaml.Node, kind: Any, key: str) -> Any:
    origin = get_origin(kind)
    if origin in (frozenset, tuple):
        return origin(_read_words(tree, node, key))
    if origin is dict:
        return _read_mapping(tree, node, get_args(kind)[1], key)
    raise TypeError(f"dyad.lang.schema: unsupported type {kind!r} for {key!r}")  # a schema bug, not a data error


def _read_words(tree: YamlTree, node: yaml.Node, key: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(f"{tree.where(node)}: {key!r} must be a list of words")
    words: list[str] = []
    for item in node.value:
        word = _read_word(tree, item, key)
        if word in words:
            raise ConfigError(f"{tree.where(item)}: {word!r} is in {key!r} twice")
        words.append(word)
    return words


def _read_mapping(tree: YamlTree, node: yaml.Node, value_kind: Any, key: str) -> dict[str, Any]:
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{tree.where(node)}: {key!r} must map words to values")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        word = _read_word(tree, key_node, key)
        if word in out:
            raise ConfigError(f"{tree.where(key_node)}: {word!r} is in {key!r} twice")
        value = tree.value(value_node)
        if not _fits(value, value_kind):
            raise ConfigError(f"{tree.where(value_node)}: {key}.{word} must be {_describe(value_kind)}, got {value!r}")
        out[word] = tuple(value) if isinstance(value, list) else value
    return out


def _read_word(tree: YamlTree, node: yaml.Node, key: str) -> str:
    value = tree.value(node) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str) or not value or value != " ".join(value.split()):
        raise ConfigError(f"{tree.where(node)}: each entry of {key!r} must be a word or phrase, got {value!r}")
    if value != value.lower():
        raise ConfigError(f"{tree.where(node)}: {value!r} in {key!r} must be lower case")
    return value


def _fits(value: Any, kind: Any) -> bool:
    origin = get_origin(kind)
    if origin is Literal:
        return value in get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, k) for k in get_args(kind))
    if origin is tuple:
        args = get_args(kind)
        return isinstance(value, list) and len(value) == len(args) and all(_fits(v, k) for v, k in zip(value, args, strict=True))
    if kind is type(None):
        return value is None
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _describe(kind: Any) -> str:
    origin = get_origin(kind)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(kind))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(k) for k in get_args(kind))
    if origin is tuple:
        return "a list [" + ", ".join(_describe(k) for k in get_args(kind)) + "]"
    return {type(None): "null", int: "an integer", str: "a text"}.get(kind, kind.__name__)

