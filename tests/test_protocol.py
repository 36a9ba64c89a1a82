"""The wire format: plain data round-trips; nothing else is ever unpickled."""

import io
import pickle

import numpy as np
import pytest

from autograder.sandbox.protocol import (
    ProtocolError,
    Unsupported,
    decode_value,
    encode_frame,
    encode_value,
    read_frame,
)


def roundtrip(value):
    blobs = []
    encoded = encode_value(value, blobs)
    frame = encode_frame({"value": encoded}, blobs)
    stream = io.BytesIO(frame)
    header, got_blobs = read_frame(stream.read)
    return decode_value(header["value"], got_blobs)


def test_arrays_scalars_and_containers_round_trip():
    value = (
        np.arange(6, dtype=np.float32).reshape(2, 3),
        np.float64(2.5),
        [1, 2.0, "three", None, True],
        {"loss": np.float64(0.5), "grad": np.zeros((2, 2))},
        float("nan"),
    )
    got = roundtrip(value)
    assert isinstance(got, tuple) and len(got) == 5
    assert got[0].dtype == np.float32 and np.array_equal(got[0], value[0])
    assert isinstance(got[1], np.float64) and got[1] == 2.5
    assert got[2] == [1, 2.0, "three", None, True]
    assert np.array_equal(got[3]["grad"], np.zeros((2, 2))) and got[3]["loss"] == 0.5
    assert np.isnan(got[4])


def test_lists_and_tuples_of_scalars_keep_every_type_and_every_limit():
    """The fast path for sparse vectors and the like: same answer as element by element."""
    pairs = [(3, 0.5), (7, -2.0), (2**63 - 1, float("inf")), (-(2**63) + 1, None)]
    got = roundtrip([pairs, (True, 1, "x"), [2**63, 1.0], (-(2**63), "y")])
    assert got[0] == pairs and all(type(pair) is tuple for pair in got[0])
    assert got[1] == (True, 1, "x") and type(got[1][0]) is bool
    # an int of 64 bits or more cannot be sent, in a plain list as anywhere else
    for row, kept in ((got[2], 1.0), (got[3], "y")):
        assert isinstance(row[0], Unsupported) and "too large" in row[0].text
        assert row[1] == kept

    class Score(float):  # a subclass is not a plain float: it takes the general path
        pass

    assert roundtrip([Score(1.5), np.float64(2.0)]) == [1.5, 2.0]


def test_objects_that_are_not_plain_data_arrive_as_unsupported():
    class Model:
        def __repr__(self):
            return "Model()"

    got = roundtrip([Model(), np.array([object()], dtype=object)])
    assert isinstance(got[0], Unsupported) and got[0].type_name.endswith("Model")
    assert isinstance(got[1], Unsupported) and "object" in got[1].text


def test_a_pickled_array_from_a_worker_is_refused():
    blob = pickle.dumps(np.arange(3))
    with pytest.raises(ProtocolError):
        decode_value({"$nd": 0}, [blob])
    header = {"value": {"$nd": 0}}
    with pytest.raises(ProtocolError):
        decode_value(header["value"], [b"\x93NUMPY garbage"])


@pytest.mark.parametrize(
    "data", [{"$nd": 5}, {"$weird": 1}, {"a": 1, "b": 2}, {"$np": 0}, {"$dict": [[1, 2]]}]
)
def test_malformed_values_are_protocol_errors(data):
    blobs = [encode_frame({}, [])]  # bytes that are not an array
    with pytest.raises(ProtocolError):
        decode_value(data, blobs)


def test_truncated_frame_is_an_error_not_a_hang():
    frame = encode_frame({"x": 1}, [b"abc"])
    stream = io.BytesIO(frame[:-2])

    def read_exact(n):
        data = stream.read(n)
        if len(data) < n:
            raise EOFError
        return data

    with pytest.raises(EOFError):
        read_frame(read_exact)


def test_absurdly_nested_json_from_a_worker_is_a_protocol_error():
    frame = encode_frame({}, [])
    head = b"[" * 100_000 + b"]" * 100_000
    forged = len(head).to_bytes(4, "big") + head + frame[-4:]
    with pytest.raises(ProtocolError):
        read_frame(io.BytesIO(forged).read)
