"""OpenLineage events (spec 2-0-x) read into observations, and observations turned into
the flows and pending datasets they show, through the catalog's dataset mappings.

A RunEvent that COMPLETEs shows flows: from each mapped input dataset's system to each
mapped output dataset's system, carrying the elements its fields hold. Every dataset no
mapping matches, in any event, is a pending observation. No I/O here."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from typing import Any

from catalog.source import excerpt

RUN_STATES = ("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER")
MAX_SLUG = 80
# A field of an input dataset, as a column-lineage facet names it.
InputField = tuple[str, str, str]


class EventError(ValueError):
    """An event that is not OpenLineage, with the JSON path of what is wrong (`$.run.runId`)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


@dataclass(frozen=True)
class Dataset:
    namespace: str
    name: str
    fields: tuple[str, ...] = ()  # from the schema facet, if given
    # Output field -> the input fields it is computed from (the columnLineage facet).
    lineage: Mapping[str, tuple[InputField, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Observation:
    """One event: a RunEvent has a run, a JobEvent a job only, a DatasetEvent one output."""

    time: datetime
    run_state: str | None = None
    run_id: str | None = None
    job: str | None = None
    inputs: tuple[Dataset, ...] = ()
    outputs: tuple[Dataset, ...] = ()


@dataclass(frozen=True)
class Mapped:
    """A dataset mapping as the intake reads it: which datasets, which system, and the
    element each schema field holds."""

    id: str
    namespace: str
    name_pattern: str
    system: str
    fields: Mapping[str, str]  # field name -> element id

    def matches(self, dataset: Dataset) -> bool:
        return dataset.namespace == self.namespace and fnmatchcase(dataset.name, self.name_pattern)


@dataclass
class SeenFlow:
    id: str
    job: str
    source: str
    target: str
    elements: set[str]
    time: datetime
    run_id: str


@dataclass
class SeenDataset:
    id: str
    namespace: str
    name: str
    fields: set[str]
    job: str | None
    time: datetime
    run_id: str | None


# Reading events ------------------------------------------------------------------------


def parse_event(data: Any) -> Observation:
    """An observation of one RunEvent, JobEvent or DatasetEvent; EventError otherwise."""
    _object(data, "$")
    time = _time(data.get("eventTime"), "$.eventTime")
    _text(data.get("producer"), "$.producer")
    if "dataset" in data and "run" not in data and "job" not in data:
        return Observation(time, outputs=(_dataset(data["dataset"], "$.dataset"),))
    job = _object(data.get("job"), "$.job")
    _text(job.get("namespace"), "$.job.namespace")
    job_name = _text(job.get("name"), "$.job.name")
    inputs = _datasets(data.get("inputs"), "$.inputs")
    outputs = _datasets(data.get("outputs"), "$.outputs")
    if "run" not in data:
        return Observation(time, job=job_name, inputs=inputs, outputs=outputs)
    run = _object(data["run"], "$.run")
    run_id = _text(run.get("runId"), "$.run.runId")
    state = data.get("eventType", "OTHER")
    if state not in RUN_STATES:
        raise EventError("$.eventType", f"expected one of {', '.join(RUN_STATES)}, got {excerpt(state)}")
    return Observation(time, state, run_id, job_name, inputs, outputs)


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise EventError(path, "missing" if value is None else f"expected an object, got {excerpt(value)}")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EventError(path, "missing" if value is None else f"expected non-empty text, got {excerpt(value)}")
    return value


def _time(value: Any, path: str) -> datetime:
    text = _text(value, path)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise EventError(path, f"expected an ISO 8601 date-time, got {excerpt(text)}") from None
    if when.tzinfo is None:
        raise EventError(path, f"expected a date-time with its offset (Z or +hh:mm), got {excerpt(text)}")
    return when.astimezone(UTC)


def _datasets(value: Any, path: str) -> tuple[Dataset, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EventError(path, f"expected a list of datasets, got {excerpt(value)}")
    return tuple(_dataset(item, f"{path}[{index}]") for index, item in enumerate(value))


def _dataset(value: Any, path: str) -> Dataset:
    data = _object(value, path)
    namespace = _text(data.get("namespace"), f"{path}.namespace")
    name = _text(data.get("name"), f"{path}.name")
    facets = data.get("facets")
    if facets is None:
        return Dataset(namespace, name)
    facets = _object(facets, f"{path}.facets")
    fields = _schema(facets.get("schema"), f"{path}.facets.schema")
    lineage = _column_lineage(facets.get("columnLineage"), f"{path}.facets.columnLineage")
    return Dataset(namespace, name, fields, lineage)


def _schema(value: Any, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = _object(value, path).get("fields")
    if not isinstance(items, list):
        raise EventError(f"{path}.fields", f"expected a list of fields, got {excerpt(items)}")
    return tuple(_text(_object(item, f"{path}.fields[{i}]").get("name"), f"{path}.fields[{i}].name")
                 for i, item in enumerate(items))


def _column_lineage(value: Any, path: str) -> dict[str, tuple[InputField, ...]]:
    if value is None:
        return {}
    fields = _object(_object(value, path).get("fields"), f"{path}.fields")
    lineage: dict[str, tuple[InputField, ...]] = {}
    for out, spec in fields.items():
        at = f"{path}.fields[{excerpt(out)}]"
        sources = _object(spec, at).get("inputFields")
        if not isinstance(sources, list):
            raise EventError(f"{at}.inputFields", f"expected a list, got {excerpt(sources)}")
        found: list[InputField] = []
        for i, item in enumerate(sources):
            src, where = _object(item, f"{at}.inputFields[{i}]"), f"{at}.inputFields[{i}]"
            found.append((_text(src.get("namespace"), f"{where}.namespace"), _text(src.get("name"), f"{where}.name"),
                          _text(src.get("field"), f"{where}.field")))
        lineage[out] = tuple(found)
    return lineage


# What an event shows ---------------------------------------------------------------------


def mapping_for(mappings: Iterable[Mapped], dataset: Dataset) -> Mapped | None:
    """The mapping of a dataset: the most specific pattern that matches (the most
    characters that are not wildcards), then the smallest id."""
    found = [m for m in mappings if m.matches(dataset)]
    found.sort(key=lambda m: (-len(re.sub(r"[*?\[\]]", "", m.name_pattern)), m.id))
    return found[0] if found else None


def flows_of(event: Observation, mappings: list[Mapped]) -> list[SeenFlow]:
    """The flows a COMPLETE run shows: one per pair of a mapped input's system and a
    mapped output's system (another system), carrying the elements mapped on both ends."""
    if event.run_state != "COMPLETE" or event.job is None or event.run_id is None:
        return []
    flows: dict[str, SeenFlow] = {}
    for out in event.outputs:
        target = mapping_for(mappings, out)
        if target is None:
            continue
        for inp in event.inputs:
            source = mapping_for(mappings, inp)
            if source is None or source.system == target.system:
                continue
            flow_id = slug(f"{event.job}-{source.system}-to-{target.system}")
            seen = flows.setdefault(flow_id, SeenFlow(flow_id, event.job, source.system, target.system, set(),
                                                      event.time, event.run_id))
            seen.elements |= _carried(inp, source, out, target)
    return sorted(flows.values(), key=lambda f: f.id)


def _carried(inp: Dataset, source: Mapped, out: Dataset, target: Mapped) -> set[str]:
    """With column lineage: the elements of the input fields the output's fields come
    from (and of those output fields). Without: the mapped elements the two schemas share,
    or all of one schema's when only one is given."""
    if out.lineage:
        found: set[str] = set()
        for out_field, sources in out.lineage.items():
            used = [f for ns, name, f in sources if (ns, name) == (inp.namespace, inp.name)]
            found |= {source.fields[f] for f in used if f in source.fields}
            if used and out_field in target.fields:
                found.add(target.fields[out_field])
        return found
    read = {source.fields[f] for f in inp.fields if f in source.fields}
    written = {target.fields[f] for f in out.fields if f in target.fields}
    if inp.fields and out.fields:
        return read & written
    return read | written


def pending_of(event: Observation, mappings: list[Mapped]) -> list[SeenDataset]:
    """Every dataset of the event that no mapping matches."""
    found: dict[str, SeenDataset] = {}
    for data in (*event.inputs, *event.outputs):
        if mapping_for(mappings, data) is not None:
            continue
        key = pending_id(data.namespace, data.name)
        seen = found.setdefault(key, SeenDataset(key, data.namespace, data.name, set(), event.job,
                                                 event.time, event.run_id))
        seen.fields |= set(data.fields)
    return sorted(found.values(), key=lambda d: d.id)


def pending_id(namespace: str, name: str) -> str:
    digest = hashlib.sha256(f"{namespace}\n{name}".encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug(f"pending-{name}"[:MAX_SLUG - 11]) + "-" + digest


def slug(text: str) -> str:
    """An id from free text: lowercase letters and digits between single hyphens; a long
    one is cut and ends with a digest of the whole, so that it stays unique."""
    plain = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
    if len(plain) <= MAX_SLUG:
        return plain
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return plain[:MAX_SLUG - 11].rstrip("-") + "-" + digest
