"""What makes the OpenAPI document true to the API (issue #14, item 3).

`Schema`: the base of every request/response schema of the business lines. Booleans are strict: JSON `true` or
`false` only, never 0, 1 or "yes" (pydantic's lax mode would take them, and a client sending 0 for "false"
would silently get whatever pydantic guessed). Everything else keeps pydantic's ordinary rules.

`SifaGenerateJsonSchema`: ninja names each component after the class (`DisputeIn`, `Level`) and merges them
by that name, so two lines' classes of the same name became one component and, for example, mediation's create
was documented with legal aid's `DisputeIn`. A class whose short name is used by more than one class in the API
is named after its app instead (`MediationDisputeIn`, `LegalaidDisputeIn`); unique names stay as they are.
Times of day are documented as what they are: local times without an offset (see `time_schema`).
"""

import enum
import re
import types
import typing
from functools import cache

import pydantic
from ninja import Schema as NinjaSchema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic.json_schema import DefsRef
from pydantic.types import Strict


def _is_bool(annotation) -> bool:
    if annotation is bool:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args == [bool]
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_bool(typing.get_args(annotation)[0])
    return False


class Schema(NinjaSchema):
    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs):
        super().__pydantic_init_subclass__(**kwargs)
        strict = False
        for field in cls.model_fields.values():
            if _is_bool(field.annotation) and not any(isinstance(m, Strict) for m in field.metadata):
                field.metadata.append(Strict())
                strict = True
        if strict:
            cls.model_rebuild(force=True)


def _classes(annotation, found: set) -> None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel | enum.Enum):
        if annotation in found:
            return
        found.add(annotation)
        if issubclass(annotation, pydantic.BaseModel):
            for field in annotation.model_fields.values():
                _classes(field.annotation, found)
    for arg in typing.get_args(annotation):
        _classes(arg, found)


_described: list = []  # the API whose components are named, set by `names_components_of` (sifa.api.v1 calls it)


def names_components_of(api) -> None:
    """Name the OpenAPI components of `api` (the module that builds the API calls this, so that this module never
    imports it)."""
    _described[:] = [api]
    ambiguous_names.cache_clear()


@cache
def ambiguous_names() -> frozenset[str]:
    """Short class names that more than one schema or enum class of the described API carries."""
    found: set = set()
    for _prefix, router in (_described[0]._routers if _described else ()):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _classes(model, found)
                for model in operation.response_models.values():
                    if model is not None and model is not Ellipsis:
                        _classes(model, found)
    names = [cls.__name__ for cls in found if not cls.__module__.startswith("ninja")]
    return frozenset(name for name in names if names.count(name) > 1)


def _app_prefix(module: str) -> str:
    parts = module.split(".")
    return parts[1].capitalize() if len(parts) > 2 and parts[0] == "sifa" else ""


LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"


class SifaGenerateJsonSchema(NinjaGenerateJsonSchema):
    def time_schema(self, schema):
        """Times of day (slot start and end…) are local wall-clock times without an offset, "09:00:00"; JSON
        Schema's `format: time` demands an offset, so the document said something the API never sends."""
        return {"type": "string", "pattern": LOCAL_TIME_PATTERN, "description": "北京时间，时:分[:秒]"}

    def get_defs_ref(self, core_mode_ref):
        ref = super().get_defs_ref(core_mode_ref)
        qualified = re.split(r"[\][,]", core_mode_ref[0])[0].rsplit(":", 1)[0]
        module, _, short = qualified.rpartition(".")
        if short in ambiguous_names() and _app_prefix(module):
            self._prioritized_defsref_choices[ref].insert(0, DefsRef(_app_prefix(module) + short))
        return ref
