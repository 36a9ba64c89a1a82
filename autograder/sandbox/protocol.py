"""The wire format between the trusted grader and a student worker.

Only plain data crosses: JSON for structure, NumPy's ``.npy`` format for arrays, read back with
``allow_pickle=False``. Nothing is ever unpickled, so a hostile worker can at worst send
malformed bytes, which decode to a ``ProtocolError``.

A frame is ``[u32 header length][header JSON][u32 blob count]([u64 blob length][blob])*``.
Inside the header, values are JSON with tagged objects for what JSON cannot hold:
``{"$nd": i}`` an array (blob i), ``{"$np": i}`` a NumPy scalar (0-d blob i), ``{"$tensor": i}``
a torch tensor (its values only, detached, as an array blob),
``{"$tuple": [...]}``, ``{"$dict": [[key, value], ...]}`` and ``{"$other": [type, text]}``.

This module is imported by the worker too: standard library and NumPy only.
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_FRAME_BYTES = 128 * 1024 * 1024  # a message larger than this is refused, not read
MAX_DEPTH = 32  # nesting deeper than this is refused (and cannot recurse forever)


class ProtocolError(Exception):
    """The other side sent something that is not a valid frame or value."""


@dataclass(frozen=True)
class Unsupported:
    """A value the worker could not send as plain data, e.g. a torch.Tensor or a class."""

    type_name: str
    text: str


# ---------------------------------------------------------------- values <-> JSON + blobs


# Exact types JSON holds as they are. A list or tuple of nothing else (a sparse vector's
# (index, value) pairs, say) is sent without one call per element: a hundred thousand pairs
# took 0.47 s of CPU to encode and 0.44 s to decode, element by element.
_SCALARS = frozenset({type(None), bool, float, str})
_INT_LIMIT = 2**63


def _all_scalars(items: list | tuple) -> bool:
    """Is every item None, a bool, a float, a str or an int of fewer than 64 bits?"""
    for item in items:
        kind = type(item)
        if kind is int:
            if not -_INT_LIMIT < item < _INT_LIMIT:
                return False
        elif kind not in _SCALARS:
            return False
    return True


def encode_value(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Turn ``value`` into JSON-able data, appending array bytes to ``blobs``."""
    if depth > MAX_DEPTH:
        return {"$other": [type(value).__name__, "nested too deeply to send"]}
    kind = type(value)
    if kind in _SCALARS or (kind is int and -_INT_LIMIT < value < _INT_LIMIT):
        return value
    if kind is list and _all_scalars(value):
        return list(value)
    if kind is tuple and _all_scalars(value):
        return {"$tuple": list(value)}
    if isinstance(value, np.generic):  # before float: np.float64 is a float subclass
        if isinstance(value, np.object_):
            return {"$other": [type(value).__name__, "a NumPy object scalar"]}
        blobs.append(_npy_bytes(np.asarray(value)))
        return {"$np": len(blobs) - 1}
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
            return {"$other": ["int", "an integer too large to send"]}
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return {"$other": ["numpy.ndarray", f"an array of dtype {value.dtype}"]}
        blobs.append(_npy_bytes(value))
        return {"$nd": len(blobs) - 1}
    torch = sys.modules.get("torch")  # only a process that imported torch can hold a tensor
    if torch is not None and isinstance(value, torch.Tensor):
        tensor = value.detach().cpu()
        if tensor.dtype == torch.bfloat16:
            tensor = tensor.float()
        blobs.append(_npy_bytes(tensor.resolve_conj().numpy()))
        return {"$tensor": len(blobs) - 1}
    if isinstance(value, tuple):
        return {"$tuple": [encode_value(v, blobs, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode_value(v, blobs, depth + 1) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"$dict": [[k, encode_value(v, blobs, depth + 1)] for k, v in value.items()]}
    return {"$other": [f"{kind.__module__}.{kind.__qualname__}", _short_repr(value)]}


_DECODED_SCALARS = _SCALARS | {int}  # what json.loads makes of a scalar (an int of any size)


def decode_value(data: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Inverse of ``encode_value``; raises ProtocolError on anything malformed."""
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        if all(type(v) in _DECODED_SCALARS for v in data):
            return data
        return [decode_value(v, blobs, depth + 1) for v in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise ProtocolError(f"unexpected value {str(data)[:80]}")
    ((tag, body),) = data.items()
    if tag == "$nd":
        return _npy_load(_blob(blobs, body))
    if tag == "$np":
        array = _npy_load(_blob(blobs, body))
        if array.ndim != 0:
            raise ProtocolError("a NumPy scalar must be 0-d")
        return array[()]
    if tag == "$tensor":
        import torch  # only when a tensor arrives: NumPy problems never pay for the import

        return torch.from_numpy(_npy_load(_blob(blobs, body)))
    if tag == "$tuple" and isinstance(body, list):
        if all(type(v) in _DECODED_SCALARS for v in body):
            return tuple(body)
        return tuple(decode_value(v, blobs, depth + 1) for v in body)
    if tag == "$dict" and isinstance(body, list):
        out = {}
        for pair in body:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
                raise ProtocolError("malformed dict entry")
            out[pair[0]] = decode_value(pair[1], blobs, depth + 1)
        return out
    if tag == "$other" and isinstance(body, list) and len(body) == 2:
        return Unsupported(str(body[0])[:200], str(body[1])[:500])
    raise ProtocolError(f"unknown tag {tag!r}")


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _npy_load(blob: bytes) -> np.ndarray:
    try:
        array = np.load(io.BytesIO(blob), allow_pickle=False)
    except Exception as exc:  # any parse failure of untrusted bytes is a protocol error
        raise ProtocolError(f"bad array data: {exc}") from None
    if not isinstance(array, np.ndarray):
        raise ProtocolError("array blob did not hold an array")
    return array


def _blob(blobs: list[bytes], index: Any) -> bytes:
    if not isinstance(index, int) or not 0 <= index < len(blobs):
        raise ProtocolError(f"bad blob index {index!r}")
    return blobs[index]


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # a student object whose __repr__ raises still gets a message
        text = f"<{type(value).__name__}>"
    return text[:300]


# ---------------------------------------------------------------- frames over a file descriptor


def encode_frame(header: dict, blobs: list[bytes]) -> bytes:
    """One message as bytes: a JSON header plus binary blobs."""
    head = json.dumps(header).encode()
    parts = [struct.pack(">I", len(head)), head, struct.pack(">I", len(blobs))]
    for blob in blobs:
        parts += [struct.pack(">Q", len(blob)), blob]
    return b"".join(parts)


def write_frame(fd: int, header: dict, blobs: list[bytes]) -> None:
    """Send one message on a blocking descriptor (the worker's side)."""
    _write_all(fd, encode_frame(header, blobs))


def read_frame(read_exact) -> tuple[dict, list[bytes]]:
    """Read one message with ``read_exact(n) -> bytes`` (which enforces deadlines)."""
    (head_len,) = struct.unpack(">I", read_exact(4))
    if head_len > MAX_FRAME_BYTES:
        raise ProtocolError("header too large")
    try:
        header = json.loads(read_exact(head_len))
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested absurdly deep
        raise ProtocolError(f"header is not JSON: {exc}") from None
    if not isinstance(header, dict):
        raise ProtocolError("header is not an object")
    (count,) = struct.unpack(">I", read_exact(4))
    blobs, total = [], 0
    for _ in range(count):
        (size,) = struct.unpack(">Q", read_exact(8))
        total += size
        if total > MAX_FRAME_BYTES:
            raise ProtocolError(f"reply larger than {MAX_FRAME_BYTES // 2**20} MiB")
        blobs.append(read_exact(size))
    return header, blobs


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def blocking_reader(fd: int):
    """A ``read_exact`` for the worker side: blocks until n bytes or end of file."""

    def read_exact(n: int) -> bytes:
        chunks, remaining = [], n
        while remaining:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                raise EOFError("the other side closed the channel")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    return read_exact
