"""Grading suite for p01_two_tower.

The student writes a NumPy two-tower forward (`relu`, `l2_normalize`, `tower`,
`two_tower_scores`), the same model in PyTorch (`Tower`, `TwoTower`) and, as an optional
follow-up, serving (`precompute_items`, `retrieve_topk`).
Letters: B_u users, B_i items (B_u != B_i in every test), D_u and D_i input feature dims,
H hidden width, d embedding dim.

Every expected value is computed in this file, in float64, from the math, never from a solution:
    tower(x) = relu(x W1 + b1) W2 + b2                       (B, d)
    u = tower_user(user_x), v = tower_item(item_x); cosine: each row divided by its length
    scores = u v^T, scores[i, j] = user i . item j           (B_u, B_i)
The PyTorch model is driven by probes that run in the worker and return the outputs *and* the
parameters of each tower; the tests recompute the forward from those parameters, and check
autograd's gradients against central differences of that recomputation.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

from functools import partial
from typing import NoReturn

import numpy as np
import torch

from autograder.checks import (
    assert_close,
    central_differences,
    describe,
    expect_array,
    expect_finite,
)

SCORES = "`two_tower_scores(user_x, item_x, user_params, item_params)`"
TOWER = "`tower(x, W1, b1, W2, b2)`"
NORMALIZE = "`l2_normalize(M)`"
SCORES_NOTE = "one row per user and one column per item, scores[i, j] = user i . item j"

# Float64 math reaches ~1e-15 here. Cosine results allow for the small epsilon a student adds
# to each norm (1e-8 on norms of order 1 moves a cosine by ~1e-8); every mistake the tests
# look for moves a value by O(0.1) or more.
RTOL, ATOL = 1e-9, 1e-12
COS_RTOL, COS_ATOL = 1e-5, 1e-7
# The PyTorch model runs in float32 (~1e-7 relative); the oracle recomputes it in float64.
F32_RTOL, F32_ATOL = 1e-4, 1e-5


# ---- float64 oracles (the math above) --------------------------------------------------------


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def _tower(x: np.ndarray, W1, b1, W2, b2) -> np.ndarray:
    return _relu(x @ W1 + b1) @ W2 + b2  # (B, d)


def _unit_rows(M: np.ndarray) -> np.ndarray:
    """Each row divided by its length; an all-zero row stays zero (the exact limit we accept)."""
    norms = np.sqrt((M**2).sum(axis=1, keepdims=True))  # (B, 1)
    return M / np.where(norms > 0, norms, 1.0)  # (B, d)


def _scores(u: np.ndarray, v: np.ndarray, cosine: bool) -> np.ndarray:
    if cosine:
        u, v = _unit_rows(u), _unit_rows(v)
    return u @ v.T  # (B_u, B_i)


def _params(rng, in_dim: int, hidden: int, emb: int) -> tuple:
    """(W1, b1, W2, b2) with embeddings of length ~1, so cosine and dot clearly differ."""
    return (
        rng.normal(scale=1.0 / np.sqrt(in_dim), size=(in_dim, hidden)),  # (D, H)
        rng.normal(scale=0.3, size=hidden),  # (H,)
        rng.normal(scale=1.5 / np.sqrt(hidden), size=(hidden, emb)),  # (H, d)
        rng.normal(scale=0.3, size=emb),  # (d,)
    )


# ---- small helpers ---------------------------------------------------------------------------


def _scores_hint(got: np.ndarray, u: np.ndarray, v: np.ndarray, cosine: bool) -> str:
    """The likely cause of wrong scores, from what they match instead (u, v: raw embeddings)."""
    if got.shape == (len(u), len(v)) and np.allclose(
        got, _scores(u, v, not cosine), rtol=1e-5, atol=1e-7
    ):
        if cosine:
            return (
                "These are raw dot products: the `cosine` flag is ignored. With cosine=True, "
                "L2-normalise every row of u and of v before the dot product"
            )
        return (
            "These are cosines: the `cosine` flag is ignored. With cosine=False return the raw "
            "dot products u @ v.T, with no normalising"
        )
    if cosine and np.allclose(got, _unit_rows(u @ v.T), rtol=1e-5, atol=1e-7):
        return "The rows of u @ v.T were normalised; normalise the rows of u and v instead"
    both = ", both L2-normalised first" if cosine else ""
    return (
        "scores[i, j] = u[i] . v[j] with u = tower(user_x, *user_params) and "
        f"v = tower(item_x, *item_params){both}"
    )


def _fail(message: str) -> NoReturn:
    """Raise the AssertionError the student sees, first letter capitalised (as checks.py does)."""
    raise AssertionError(message[:1].upper() + message[1:])


def _tensor(value: object, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Check that `value` is a floating torch.Tensor of `shape`; return it as float64 NumPy."""
    if not isinstance(value, torch.Tensor):
        _fail(
            f"{name} is {describe(value)}, expected a torch.Tensor: keep the computation in "
            "PyTorch (no .numpy() or .tolist() inside the model)"
        )
    if tuple(value.shape) != tuple(shape):
        message = f"{name} has shape {tuple(value.shape)}, expected {tuple(shape)}"
        if len(shape) == 2 and tuple(value.shape) == tuple(shape)[::-1]:
            message += " (the axes look swapped: v @ u.T instead of u @ v.T?)"
        _fail(message)
    if not value.is_floating_point():
        _fail(f"{name} has dtype {value.dtype}, expected a floating-point tensor")
    return value.double().numpy()


def _forward_parts(out: object) -> tuple:
    """`TwoTower.forward` returns (scores, u, v)."""
    if not isinstance(out, tuple | list) or len(out) != 3:
        _fail(
            f"`TwoTower.forward(user_x, item_x)` returned {describe(out)}, expected a tuple "
            "(scores, u, v): `return scores, u, v`"
        )
    return out[0], out[1], out[2]


def _structure(got: dict) -> dict:
    """A probe reports what it could not find on the model (e.g. no `user_tower`) as text."""
    if isinstance(got, dict) and "structure" in got:
        _fail(str(got["structure"]))
    return got


def _roles(
    named: list, in_dim: int, hidden: int, emb: int, side: str, module: str | None = None
) -> dict:
    """Which of a tower's parameters is W1, b1, W2, b2, told apart by shape.

    The dims differ in every test (in_dim, hidden, emb all distinct), so each shape names one
    role: nn.Linear stores its weight as (out, in), a plain Parameter may be (in, out).
    Returns {role: (name, transpose)}. `module` names the module in the message (default
    `model.<side>`).
    """
    by_shape = {
        (hidden, in_dim): ("W1", True),
        (in_dim, hidden): ("W1", False),
        (hidden,): ("b1", False),
        (emb, hidden): ("W2", True),
        (hidden, emb): ("W2", False),
        (emb,): ("b2", False),
    }
    roles: dict = {}
    shapes = [tuple(t.shape) for _, t in named]
    for (name, _), shape in zip(named, shapes, strict=True):
        role = by_shape.get(shape)
        if role is None or role[0] in roles:
            roles = {}
            break
        roles[role[0]] = (name, role[1])
    if len(roles) != 4:
        _fail(
            f"{module or f'`model.{side}`'} should be Linear({in_dim}, {hidden}) -> ReLU -> "
            f"Linear({hidden}, "
            f"{emb}) with biases, i.e. parameters of shapes ({hidden}, {in_dim}), ({hidden},), "
            f"({emb}, {hidden}), ({emb},); it has parameters of shapes {shapes}"
        )
    return roles


def _tower_arrays(named: list, roles: dict) -> tuple:
    """(W1, b1, W2, b2) as float64 arrays oriented for x @ W, from a tower's named parameters."""
    values = {name: np.asarray(t, dtype=np.float64) for name, t in named}
    arrays = []
    for role in ("W1", "b1", "W2", "b2"):
        name, transpose = roles[role]
        arrays.append(values[name].T if transpose else values[name])
    return tuple(arrays)


def _named(value: object, side: str) -> list:
    """The [name, tensor] pairs a probe returns for one tower."""
    if not isinstance(value, list) or not value:
        _fail(f"`model.{side}` has no parameters: is it an nn.Module?")
    return [(str(name), tensor) for name, tensor in value]


# ---- probes (they run in the worker, next to the student's code) ------------------------------


def probe_two_tower_shapes(ns, cases):
    """Build Tower and TwoTower for each case and return their raw outputs."""
    import numpy as np
    import torch

    torch.manual_seed(0)
    results = []
    for case in cases:
        x = torch.from_numpy(np.ones((case["B"], case["D_u"]), dtype=np.float32))
        tower = ns["Tower"](case["D_u"], case["H"], case["d"])
        model_kwargs = {} if case["defaults"] else {"hidden": case["H"], "emb": case["d"]}
        model = ns["TwoTower"](
            case["D_u"], case["D_i"], normalize=case["normalize"], **model_kwargs
        )
        user_x = torch.from_numpy(np.ones((case["B_u"], case["D_u"]), dtype=np.float32))
        item_x = torch.from_numpy(np.ones((case["B_i"], case["D_i"]), dtype=np.float32))
        results.append({"tower": tower(x), "forward": model(user_x, item_x)})
    return results


def probe_two_tower_forward(ns, seed, user_x, item_x, hidden, emb, normalize, zero_user=False):
    """TwoTower's outputs and each tower's parameters (what the outputs must follow from)."""
    import torch

    torch.manual_seed(seed)
    model = ns["TwoTower"](
        user_x.shape[1], item_x.shape[1], hidden=hidden, emb=emb, normalize=normalize
    )
    for side in ("user_tower", "item_tower"):
        if not isinstance(getattr(model, side, None), torch.nn.Module):
            return {
                "structure": f"`TwoTower` has no sub-module `{side}`: keep the two towers as "
                "`self.user_tower` and `self.item_tower` (the grader reads their parameters)"
            }
    # Parameters of our own, whatever the initialisation: biases != 0, so no embedding is
    # exactly or nearly zero (cosine is not smooth there); the test reads them back.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=torch.float64))
    if zero_user:  # every user embedding becomes exactly zero
        with torch.no_grad():
            for p in model.user_tower.parameters():
                p.zero_()
    out = model(torch.from_numpy(user_x), torch.from_numpy(item_x))
    return {
        "out": out,
        "user": [[n, p.detach().clone()] for n, p in model.user_tower.named_parameters()],
        "item": [[n, p.detach().clone()] for n, p in model.item_tower.named_parameters()],
    }


def probe_two_tower_independence(ns, seed, user_x, item_x_a, item_x_b, hidden, emb):
    """Which parameters the towers share, and u for two different item batches."""
    import torch

    torch.manual_seed(seed)
    model = ns["TwoTower"](
        user_x.shape[1], item_x_a.shape[1], hidden=hidden, emb=emb, normalize=False
    )
    for side in ("user_tower", "item_tower"):
        if not isinstance(getattr(model, side, None), torch.nn.Module):
            return {
                "structure": f"`TwoTower` has no sub-module `{side}`: keep the two towers as "
                "`self.user_tower` and `self.item_tower` (the grader reads their parameters)"
            }
    item_params = list(model.item_tower.parameters())
    shared = [
        name
        for name, p in model.user_tower.named_parameters()
        if any(p is q or p.data_ptr() == q.data_ptr() for q in item_params)
    ]
    same_module = model.user_tower is model.item_tower
    if same_module or shared:  # reported before any forward, which may not even run
        return {"same_module": same_module, "shared": shared}
    user = torch.from_numpy(user_x)
    out_a = model(user, torch.from_numpy(item_x_a))
    out_b = model(user, torch.from_numpy(item_x_b))
    return {
        "same_module": False,
        "shared": [],
        "out_a": out_a,
        "out_b": out_b,
        "user": [[n, p.detach().clone()] for n, p in model.user_tower.named_parameters()],
        "item": [[n, p.detach().clone()] for n, p in model.item_tower.named_parameters()],
    }


def probe_two_tower_gradients(ns, seed, user_x, item_x, hidden, emb, normalize, weights):
    """Backward of sum(weights * scores) through a float64 TwoTower: parameters and grads."""
    import torch

    torch.manual_seed(seed)
    model = ns["TwoTower"](
        user_x.shape[1], item_x.shape[1], hidden=hidden, emb=emb, normalize=normalize
    ).double()
    for side in ("user_tower", "item_tower"):
        if not isinstance(getattr(model, side, None), torch.nn.Module):
            return {
                "structure": f"`TwoTower` has no sub-module `{side}`: keep the two towers as "
                "`self.user_tower` and `self.item_tower` (the grader reads their parameters)"
            }
    # Parameters of our own, whatever the initialisation: biases != 0, so no embedding is
    # exactly or nearly zero (cosine is not smooth there); the test reads them back.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=torch.float64))
    out = model(torch.from_numpy(user_x), torch.from_numpy(item_x))
    scores = out[0] if isinstance(out, tuple | list) else out
    if isinstance(scores, torch.Tensor) and tuple(scores.shape) != weights.shape:
        return {
            "structure": f"The score matrix of `TwoTower.forward` for {weights.shape[0]} users and "
            f"{weights.shape[1]} items have shape {tuple(scores.shape)}, expected "
            f"{weights.shape}: scores = u @ v.T, users by items"
        }
    if not isinstance(scores, torch.Tensor) or not scores.requires_grad:
        return {
            "structure": "the scores returned by `TwoTower.forward` do not require grad: "
            "no gradient can reach either tower (a torch.no_grad() or .detach() in forward?)"
        }
    (scores * torch.from_numpy(weights)).sum().backward()

    def report(tower):
        return [[n, p.detach().clone(), p.grad] for n, p in tower.named_parameters()]

    aliases = [  # a parameter in both towers (wrong, but its gradient can still be right)
        [nu, ni]
        for nu, pu in model.user_tower.named_parameters()
        for ni, pi in model.item_tower.named_parameters()
        if pu is pi
    ]
    return {
        "scores": scores.detach(),
        "aliases": aliases,
        "user": report(model.user_tower),
        "item": report(model.item_tower),
    }


def probe_tower_module(ns, seed, x, hidden, out_dim):
    """A fresh `Tower` with parameters of our own: its output and its parameters."""
    import torch

    torch.manual_seed(seed)
    tower = ns["Tower"](x.shape[1], hidden, out_dim)
    # Parameters of our own, whatever the initialisation, so that the hidden pre-activations
    # and the outputs both take either sign; the test reads them back.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in tower.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=torch.float64))
    return {
        "out": tower(torch.from_numpy(x)),
        "params": [[n, p.detach().clone()] for n, p in tower.named_parameters()],
    }


def probe_float64_outputs(ns, user_x, item_x, hidden, emb):
    """Tower and TwoTower converted with .double() and fed float64 inputs: their outputs."""
    import torch

    torch.manual_seed(0)
    user, item = torch.from_numpy(user_x), torch.from_numpy(item_x)
    tower = ns["Tower"](user_x.shape[1], hidden, emb).double()
    results = {"tower": tower(user)}
    for normalize in (True, False):
        model = ns["TwoTower"](
            user_x.shape[1], item_x.shape[1], hidden=hidden, emb=emb, normalize=normalize
        ).double()
        results[str(normalize)] = model(user, item)
    return results


def probe_scores_tower_calls(ns, user_x, item_x, user_params, item_params):
    """How many rows `two_tower_scores` pushes through the student's `tower`.

    The name `tower` is looked up in the student's globals at call time, so a counting wrapper
    put there for the length of one call sees every call. None: no such global to wrap."""
    import numpy as np

    scores_fn = ns["two_tower_scores"]
    namespace = getattr(scores_fn, "__globals__", None)
    if namespace is None or not callable(namespace.get("tower")):
        return {"rows": None, "calls": 0}
    original = namespace["tower"]
    counts = {"rows": 0, "calls": 0}

    def counting_tower(*args, **kwargs):
        x = args[0] if args else kwargs.get("x")
        counts["calls"] += 1
        counts["rows"] += 1 if np.ndim(x) < 2 else int(np.shape(x)[0])
        return original(*args, **kwargs)

    namespace["tower"] = counting_tower
    try:
        scores_fn(user_x, item_x, user_params, item_params, cosine=True)
    finally:
        namespace["tower"] = original
    return counts


def probe_precompute_items(ns, seed, item_x, user_dim, hidden, emb, normalize=True):
    """precompute_items on a fresh model; records whether autograd was on in the item tower."""
    import torch

    torch.manual_seed(seed)
    model = ns["TwoTower"](user_dim, item_x.shape[1], hidden=hidden, emb=emb, normalize=normalize)
    if not isinstance(getattr(model, "item_tower", None), torch.nn.Module):
        return {
            "structure": "`TwoTower` has no sub-module `item_tower`: keep the two towers as "
            "`self.user_tower` and `self.item_tower` (the grader reads their parameters)"
        }
    # Parameters of our own, whatever the initialisation: biases != 0, so no embedding is
    # exactly or nearly zero (cosine is not smooth there); the test reads them back.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=torch.float64))
    grad_modes = []
    for module in model.item_tower.modules():
        module.register_forward_pre_hook(lambda m, args: grad_modes.append(torch.is_grad_enabled()))
    emb_out = ns["precompute_items"](model, torch.from_numpy(item_x))
    return {
        "embeddings": emb_out,
        "grad_modes": grad_modes,
        "item": [[n, p.detach().clone()] for n, p in model.item_tower.named_parameters()],
    }


def probe_retrieve_topk(ns, seed, user_row, item_embeddings, k, item_dim, hidden, emb):
    """retrieve_topk for one user on a fresh model, and that model's user tower."""
    import torch

    torch.manual_seed(seed)
    model = ns["TwoTower"](user_row.shape[0], item_dim, hidden=hidden, emb=emb, normalize=True)
    if not isinstance(getattr(model, "user_tower", None), torch.nn.Module):
        return {
            "structure": "`TwoTower` has no sub-module `user_tower`: keep the two towers as "
            "`self.user_tower` and `self.item_tower` (the grader reads their parameters)"
        }
    # Parameters of our own, whatever the initialisation: biases != 0, so no embedding is
    # exactly or nearly zero (cosine is not smooth there); the test reads them back.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=torch.float64))
    top = ns["retrieve_topk"](model, torch.from_numpy(user_row), item_embeddings, k)
    return {
        "top": top,
        "user": [[n, p.detach().clone()] for n, p in model.user_tower.named_parameters()],
    }


# ---- shapes ----------------------------------------------------------------------------------

# (B_u, B_i, D_u, D_i, H, d): B_u != B_i, D_u != D_i, and d != B_i so that `u @ v` cannot run.
NP_CASES = [(3, 5, 4, 6, 7, 2), (5, 3, 6, 4, 2, 7), (1, 4, 3, 5, 6, 2)]


def test_tower_returns_one_embedding_per_row(student):
    rng = np.random.default_rng(0)
    for B, D, H, d in [(1, 3, 4, 2), (5, 7, 3, 4), (6, 2, 8, 1)]:
        x = rng.normal(size=(B, D))
        out = student.tower(x, *_params(rng, D, H, d))
        expect_array(
            out,
            f"{TOWER} for x of shape {(B, D)}, H = {H}, d = {d}",
            shape=(B, d),
            shape_note="one d-dim embedding per input row",
        )


def test_numpy_scores_are_users_by_items_not_transposed(student):
    rng = np.random.default_rng(1)
    for B_u, B_i, D_u, D_i, H, d in NP_CASES:
        user_x, item_x = rng.normal(size=(B_u, D_u)), rng.normal(size=(B_i, D_i))
        user_params, item_params = _params(rng, D_u, H, d), _params(rng, D_i, H, d)
        for cosine in (True, False):
            got = student.two_tower_scores(user_x, item_x, user_params, item_params, cosine=cosine)
            name = f"{SCORES} for B_u = {B_u} users, B_i = {B_i} items, cosine={cosine}"
            if isinstance(got, np.ndarray) and got.shape == (B_i, B_u):
                _fail(
                    f"{name} has shape {got.shape}, expected {(B_u, B_i)}: the axes are "
                    "swapped. (B_u, d) @ (d, B_i) gives (B_u, B_i): scores = u @ v.T, "
                    "not v @ u.T"
                )
            expect_array(got, name, shape=(B_u, B_i), shape_note=SCORES_NOTE)


def test_torch_model_outputs_are_users_by_items_not_transposed(student):
    cases = [
        {"B": 3, "B_u": 4, "B_i": 6, "D_u": 5, "D_i": 7, "H": 8, "d": 3, "normalize": True},
        {"B": 1, "B_u": 6, "B_i": 2, "D_u": 7, "D_i": 4, "H": 3, "d": 5, "normalize": False},
        {"B": 2, "B_u": 2, "B_i": 5, "D_u": 3, "D_i": 9, "H": 128, "d": 64, "normalize": True},
    ]
    for case in cases:
        case["defaults"] = case["H"] == 128  # the last case relies on hidden=128, emb=64
    results = student.probe(probe_two_tower_shapes, cases=cases)
    for case, result in zip(cases, results, strict=True):
        B, D_u, H, d = case["B"], case["D_u"], case["H"], case["d"]
        _tensor(
            result["tower"],
            f"`Tower({D_u}, {H}, {d})(x)` for x of shape {(B, D_u)}",
            (B, d),
        )
        call = (
            f"TwoTower({D_u}, {case['D_i']})"
            if case["defaults"]
            else f"TwoTower({D_u}, {case['D_i']}, hidden={H}, emb={d}, "
            f"normalize={case['normalize']})"
        )
        where = f"for {case['B_u']} users and {case['B_i']} items"
        if case["defaults"]:
            where += " (the defaults hidden=128, emb=64)"
        scores, u, v = _forward_parts(result["forward"])
        _tensor(scores, f"the score matrix of `{call}` {where}", (case["B_u"], case["B_i"]))
        _tensor(u, f"`u` from `{call}` {where}", (case["B_u"], d))
        _tensor(v, f"`v` from `{call}` {where}", (case["B_i"], d))


def test_torch_model_keeps_both_axes_for_one_user_or_one_item(student):
    # Serving scores one user per request: the score matrix is still (1, B_i), and one item
    # gives (B_u, 1). A .squeeze() in forward drops the axis of size 1.
    cases = [
        {"B": 1, "B_u": 1, "B_i": 5, "D_u": 4, "D_i": 6, "H": 7, "d": 3, "normalize": True},
        {"B": 1, "B_u": 4, "B_i": 1, "D_u": 6, "D_i": 3, "H": 5, "d": 2, "normalize": False},
    ]
    for case in cases:
        case["defaults"] = False
    results = student.probe(probe_two_tower_shapes, cases=cases)
    for case, result in zip(cases, results, strict=True):
        B_u, B_i, d = case["B_u"], case["B_i"], case["d"]
        call = (
            f"TwoTower({case['D_u']}, {case['D_i']}, hidden={case['H']}, emb={d}, "
            f"normalize={case['normalize']})"
        )
        where = f"for {B_u} user{'s' * (B_u > 1)} and {B_i} item{'s' * (B_i > 1)}"
        scores, u, v = _forward_parts(result["forward"])
        for label, value, shape in (
            (f"the score matrix of `{call}` {where}", scores, (B_u, B_i)),
            (f"`u` from `{call}` {where}", u, (B_u, d)),
            (f"`v` from `{call}` {where}", v, (B_i, d)),
        ):
            if isinstance(value, torch.Tensor) and value.dim() < len(shape):
                _fail(
                    f"{label} has shape {tuple(value.shape)}, expected {shape}: an axis of "
                    "size 1 was dropped (a .squeeze() in forward?). Keep the batch axes: "
                    "scores are (B_u, B_i) even when B_u or B_i is 1"
                )
            _tensor(value, label, shape)


def test_relu_keeps_the_shape_of_any_array(student):
    # The statement's relu takes "any array": a vector, or a stack of matrices, not only the
    # (B, H) hidden layer the tower passes it.
    rng = np.random.default_rng(16)
    for shape in [(5,), (2, 3, 4)]:
        x = rng.normal(size=shape)
        expect_array(
            student.relu(x),
            f"`relu(x)` for x of shape {shape}",
            shape=shape,
            shape_note="relu is elementwise, for an array of any shape: np.maximum(x, 0) "
            "(a loop over rows and columns handles 2-D arrays only)",
        )


def test_torch_model_keeps_float64_inputs_in_float64(student):
    B_u, B_i, D_u, D_i, H, d = 3, 5, 4, 6, 7, 2
    rng = np.random.default_rng(17)
    user_x, item_x = rng.normal(size=(B_u, D_u)), rng.normal(size=(B_i, D_i))  # float64
    got = student.probe(probe_float64_outputs, user_x=user_x, item_x=item_x, hidden=H, emb=d)
    cause = (
        "The contract asks to keep the dtype of the inputs (the grader checks gradients in "
        "float64): no .float(), torch.float32 tensors or torch.tensor(..., dtype=...) inside "
        "forward"
    )
    outputs = [(f"`Tower({D_u}, {H}, {d}).double()(x)`", got["tower"], (B_u, d))]
    for normalize in (True, False):
        call = f"TwoTower({D_u}, {D_i}, hidden={H}, emb={d}, normalize={normalize}).double()"
        scores, u, v = _forward_parts(got[str(normalize)])
        outputs += [
            (f"the score matrix of `{call}`", scores, (B_u, B_i)),
            (f"`u` from `{call}`", u, (B_u, d)),
            (f"`v` from `{call}`", v, (B_i, d)),
        ]
    for name, value, shape in outputs:
        _tensor(value, f"{name} for float64 inputs", shape)
        if value.dtype != torch.float64:
            _fail(
                f"{name} has dtype {value.dtype} for float64 inputs, expected torch.float64. "
                f"{cause}"
            )


# ---- correctness: NumPy ----------------------------------------------------------------------


def test_relu_zeroes_negatives_without_changing_its_input(student):
    x = np.array([[-2.0, -0.5, 0.0], [0.25, 3.0, -1e-9], [1e6, -1e6, 7.0], [-3.0, 2.0, 0.5]])
    got, after = student.call_seeing_inputs("relu", x.copy())
    got = expect_array(got, "`relu(x)` for x of shape (4, 3)", shape=(4, 3))
    # Oracle: max(0, x) elementwise, exact.
    assert_close(
        got,
        _relu(x),
        0.0,
        0.0,
        "`relu(x)`",
        hint="relu(x) = max(0, x) elementwise: np.maximum(x, 0), not np.max (which reduces)",
    )
    now = after[0]
    if not (isinstance(now, np.ndarray) and now.shape == x.shape and np.array_equal(now, x)):
        _fail(
            "`relu` changed its argument in place (e.g. `x[x < 0] = 0` or "
            "np.maximum(x, 0, out=x)); the caller's array must stay as it was: return a new "
            "array, np.maximum(x, 0)"
        )


def test_l2_normalize_scales_each_row_not_each_column(student):
    M = np.random.default_rng(2).normal(size=(4, 3)) * np.array([[1.0], [5.0], [0.2], [30.0]])
    got = expect_array(
        student.l2_normalize(M.copy()),
        f"{NORMALIZE} for M of shape (4, 3)",
        shape=(4, 3),
        shape_note="same shape as M",
    )
    expect_finite(got, NORMALIZE, "for an ordinary (4, 3) input with no zero row")
    # Oracle: each row over its Euclidean length, float64.
    hint = "Divide each ROW by its own length: norms over axis=1 with keepdims=True, shape (B, 1)"
    column_normalised = M / np.sqrt((M**2).sum(axis=0, keepdims=True))
    if np.allclose(got, column_normalised, rtol=1e-5, atol=1e-7):
        hint = (
            "Each COLUMN has length 1 instead: the norms were taken over axis=0. "
            "Use np.linalg.norm(M, axis=1, keepdims=True)"
        )
    elif np.allclose(got, M / np.sqrt((M**2).sum()), rtol=1e-5, atol=1e-7):
        hint = "The whole matrix was divided by one norm: divide each row by its own length"
    assert_close(got, _unit_rows(M), COS_RTOL, COS_ATOL, f"{NORMALIZE} on a (4, 3) input", hint)


def test_l2_normalize_leaves_its_input_unchanged(student):
    M = np.array([[3.0, 4.0, 0.0], [1.0, -2.0, 2.0], [0.5, 0.0, -0.5], [-6.0, 0.0, 8.0]])
    got, after = student.call_seeing_inputs("l2_normalize", M.copy())
    expect_array(got, f"{NORMALIZE} for M of shape (4, 3)", shape=(4, 3), shape_note="same shape")
    now = after[0]
    if isinstance(now, np.ndarray) and now.shape == M.shape and np.array_equal(now, M):
        return
    detail = f"M is now {describe(now)}"
    if isinstance(now, np.ndarray) and now.shape == M.shape:
        detail = f"its row 0 was {M[0].tolist()} and is now {np.round(now[0], 6).tolist()}"
    _fail(
        f"{NORMALIZE} changed its argument in place: {detail}. The caller's embeddings must "
        "stay as they were (the contract: no function modifies its inputs). Likely cause: "
        "M /= norms, or a loop assigning M[b] = M[b] / norm; build a new array, "
        "M / (norms + 1e-8)"
    )


def test_tower_applies_relu_between_the_two_layers_only(student):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 4))
    W1, b1, W2, b2 = _params(rng, 4, 6, 3)
    got = expect_array(student.tower(x, W1, b1, W2, b2), TOWER, shape=(5, 3))
    expect_finite(got, TOWER, "for an ordinary (5, 4) input")
    expected = _tower(x, W1, b1, W2, b2)  # float64 oracle: relu(x W1 + b1) W2 + b2
    mistakes = [
        ((x @ W1 + b1) @ W2 + b2, "the ReLU is missing between the two layers"),
        (_relu(_tower(x, W1, b1, W2, b2)), "a ReLU was applied to the output too"),
        (_relu(x @ W1) @ W2 + b2, "the first bias b1 is missing"),
        (_relu(x @ W1 + b1) @ W2, "the second bias b2 is missing"),
        (_relu(x @ W1 + b1) @ W2 + _relu(b2), "b2 went through the ReLU"),
    ]
    hint = "tower(x) = relu(x @ W1 + b1) @ W2 + b2: ReLU after the first layer only"
    for value, cause in mistakes:
        if np.allclose(got, value, rtol=1e-7, atol=1e-10):
            hint = f"Likely cause: {cause}. {hint}"
            break
    assert_close(got, expected, RTOL, ATOL, f"{TOWER} on a (5, 4) input", hint)


def _np_case(seed: int, B_u=4, B_i=6, D_u=5, D_i=3, H=7, d=2):
    rng = np.random.default_rng(seed)
    user_x, item_x = rng.normal(size=(B_u, D_u)), rng.normal(size=(B_i, D_i))
    return user_x, item_x, _params(rng, D_u, H, d), _params(rng, D_i, H, d)


def test_numpy_cosine_false_gives_raw_dot_products(student):
    user_x, item_x, user_params, item_params = _np_case(4)
    u, v = _tower(user_x, *user_params), _tower(item_x, *item_params)  # (4, 2), (6, 2)
    name = f"{SCORES} with cosine=False (4 users, 6 items)"
    got = student.two_tower_scores(user_x, item_x, user_params, item_params, cosine=False)
    got = expect_array(got, name, shape=(4, 6), shape_note=SCORES_NOTE)
    expect_finite(got, name, "for ordinary inputs")
    # Oracle: u @ v.T in float64, u and v from the oracle towers; no normalising.
    assert_close(got, u @ v.T, RTOL, ATOL, name, _scores_hint(got, u, v, cosine=False))


def test_numpy_cosine_true_gives_cosine_of_each_pair(student):
    user_x, item_x, user_params, item_params = _np_case(5)
    u, v = _tower(user_x, *user_params), _tower(item_x, *item_params)  # (4, 2), (6, 2)
    expected = _scores(u, v, cosine=True)  # float64 oracle: unit rows, then u @ v.T
    calls = [
        ("cosine=True", {"cosine": True}),
        ("the default cosine (True)", {}),
    ]
    for text, kwargs in calls:
        name = f"{SCORES} with {text} (4 users, 6 items)"
        got = student.two_tower_scores(user_x, item_x, user_params, item_params, **kwargs)
        got = expect_array(got, name, shape=(4, 6), shape_note=SCORES_NOTE)
        expect_finite(got, name, "for ordinary inputs")
        if np.abs(got).max() > 1.0 + 1e-6:
            _fail(
                f"{name} has a value {got.flat[np.abs(got).argmax()]:.6g}, outside [-1, 1]: "
                f"a cosine never leaves [-1, 1]. {_scores_hint(got, u, v, cosine=True)}"
            )
        assert_close(got, expected, COS_RTOL, COS_ATOL, name, _scores_hint(got, u, v, True))


# ---- correctness: PyTorch --------------------------------------------------------------------

# Every dim distinct (D_u, D_i, H, d), B_u != B_i.
T_B_U, T_B_I, T_D_U, T_D_I, T_H, T_D = 4, 6, 5, 7, 8, 3


def _torch_inputs(seed: int, B_u=T_B_U, B_i=T_B_I, D_u=T_D_U, D_i=T_D_I):
    rng = np.random.default_rng(seed)
    user_x = rng.normal(size=(B_u, D_u)).astype(np.float32)
    item_x = rng.normal(size=(B_i, D_i)).astype(np.float32)
    return user_x, item_x


def _torch_forward(student, seed: int, normalize: bool, zero_user: bool = False):
    """Run the probe; return the checked outputs and the float64 oracle's u, v (raw)."""
    user_x, item_x = _torch_inputs(seed)
    got = _structure(
        student.probe(
            probe_two_tower_forward,
            seed=seed,
            user_x=user_x,
            item_x=item_x,
            hidden=T_H,
            emb=T_D,
            normalize=normalize,
            zero_user=zero_user,
        )
    )
    user, item = _named(got["user"], "user_tower"), _named(got["item"], "item_tower")
    user_tower = _tower_arrays(user, _roles(user, T_D_U, T_H, T_D, "user_tower"))
    item_tower = _tower_arrays(item, _roles(item, T_D_I, T_H, T_D, "item_tower"))
    # Oracle: the two towers recomputed in float64 from the parameters the model holds.
    u_raw = _tower(user_x.astype(np.float64), *user_tower)  # (B_u, d)
    v_raw = _tower(item_x.astype(np.float64), *item_tower)  # (B_i, d)
    call = f"TwoTower({T_D_U}, {T_D_I}, hidden={T_H}, emb={T_D}, normalize={normalize})"
    scores, u, v = _forward_parts(got["out"])
    where = f"`{call}` for {T_B_U} users and {T_B_I} items"
    outputs = (
        _tensor(scores, f"the score matrix of {where}", (T_B_U, T_B_I)),
        _tensor(u, f"`u` from {where}", (T_B_U, T_D)),
        _tensor(v, f"`v` from {where}", (T_B_I, T_D)),
    )
    return outputs, u_raw, v_raw, where


def test_torch_tower_applies_relu_between_the_two_layers_only(student):
    B, D, H, d = 6, 5, 8, 3
    x = np.random.default_rng(18).normal(size=(B, D)).astype(np.float32)
    got = student.probe(probe_tower_module, seed=18, x=x, hidden=H, out_dim=d)
    name = f"`Tower({D}, {H}, {d})(x)` for x of shape {(B, D)}"
    out = _tensor(got["out"], name, (B, d))
    expect_finite(out, name, "for ordinary inputs")
    params = _named(got["params"], "tower")
    W1, b1, W2, b2 = _tower_arrays(
        params, _roles(params, D, H, d, "tower", f"`Tower({D}, {H}, {d})`")
    )
    x64 = x.astype(np.float64)
    expected = _tower(x64, W1, b1, W2, b2)  # float64 oracle from the module's own parameters
    mistakes = [
        ((x64 @ W1 + b1) @ W2 + b2, "the ReLU between the two Linear layers is missing"),
        (_relu(expected), "a ReLU was applied to the output too (nn.ReLU() after the last Linear)"),
    ]
    hint = "Tower is Linear(in_dim, hidden) -> ReLU -> Linear(hidden, out_dim): no ReLU at the end"
    for value, cause in mistakes:
        if np.allclose(out, value, rtol=F32_RTOL, atol=F32_ATOL):
            hint = f"Likely cause: {cause}. {hint}"
            break
    assert_close(out, expected, F32_RTOL, F32_ATOL, name, hint)


def test_torch_normalize_true_gives_unit_embeddings_and_cosine_scores(student):
    (scores, u, v), u_raw, v_raw, where = _torch_forward(student, seed=6, normalize=True)
    for name, got in (("scores", scores), ("u", u), ("v", v)):
        expect_finite(got, f"`{name}` from {where}", "for ordinary inputs")
    for name, got, raw in (("u", u, u_raw), ("v", v, v_raw)):
        hint = "With normalize=True return the L2-normalised embeddings (F.normalize(u, dim=-1))"
        if np.allclose(got, raw, rtol=F32_RTOL, atol=F32_ATOL):
            hint = (
                f"{name} is the raw tower output: normalize=True is ignored. "
                "Normalise each row (dim=-1) before the dot product and return the normalised "
                f"{name}"
            )
        elif np.allclose(got, raw / np.sqrt((raw**2).sum(axis=0)), rtol=1e-3, atol=1e-4):
            hint = "Each column has length 1 instead of each row: normalise over dim=-1 (dim=1)"
        # Oracle: each tower recomputed in float64 from the model's own parameters, rows / length.
        assert_close(got, _unit_rows(raw), F32_RTOL, F32_ATOL, f"`{name}` from {where}", hint)
    assert_close(
        scores,
        _unit_rows(u_raw) @ _unit_rows(v_raw).T,
        F32_RTOL,
        F32_ATOL,
        f"the score matrix of {where}",
        "scores = u @ v.T with u and v L2-normalised: cosine similarities, all in [-1, 1]",
    )


def test_torch_normalize_false_gives_raw_dot_products(student):
    (scores, u, v), u_raw, v_raw, where = _torch_forward(student, seed=7, normalize=False)
    for name, got in (("scores", scores), ("u", u), ("v", v)):
        expect_finite(got, f"`{name}` from {where}", "for ordinary inputs")
    ignored = (
        "normalize=False is ignored: the embeddings came back with unit length. With "
        "normalize=False return the raw tower outputs and their raw dot products"
    )
    for name, got, raw in (("u", u, u_raw), ("v", v, v_raw)):
        unit = np.allclose(got, _unit_rows(raw), rtol=1e-3, atol=1e-4)
        hint = ignored if unit else "u = user_tower(user_x), v = item_tower(item_x)"
        # Oracle: each tower recomputed in float64 from the model's own parameters.
        assert_close(got, raw, F32_RTOL, F32_ATOL, f"`{name}` from {where}", hint)
    assert_close(
        scores,
        u_raw @ v_raw.T,
        F32_RTOL,
        F32_ATOL,
        f"the score matrix of {where}",
        "scores = u @ v.T, scores[i, j] = user i . item j, no normalising when normalize=False",
    )


def test_user_and_item_towers_are_separate(student):
    # Two set-ups: D_u != D_i (a shared first layer cannot even run), and D_u == D_i, where a
    # single tower used for both sides runs silently; only separate parameters tell them apart.
    rng = np.random.default_rng(8)
    for D_u, D_i, H, d in [(5, 7, 8, 3), (6, 6, 5, 3)]:
        user_x = rng.normal(size=(3, D_u)).astype(np.float32)
        item_a = rng.normal(size=(4, D_i)).astype(np.float32)
        item_b = rng.normal(size=(4, D_i)).astype(np.float32) * 3.0
        got = _structure(
            student.probe(
                probe_two_tower_independence,
                seed=8,
                user_x=user_x,
                item_x_a=item_a,
                item_x_b=item_b,
                hidden=H,
                emb=d,
            )
        )
        call = f"TwoTower({D_u}, {D_i}, hidden={H}, emb={d}, normalize=False)"
        if got["same_module"] or got["shared"]:
            which = (
                "are one and the same module"
                if got["same_module"]
                else (f"share the parameter(s) {', '.join(map(str, got['shared']))}")
            )
            _fail(
                f"In `{call}` the user tower and the item tower {which}. User and item "
                "features live in different spaces: build two independent towers, "
                "self.user_tower = Tower(user_dim, hidden, emb) and "
                "self.item_tower = Tower(item_dim, hidden, emb), sharing nothing"
            )
        user, item = _named(got["user"], "user_tower"), _named(got["item"], "item_tower")
        user_tower = _tower_arrays(user, _roles(user, D_u, H, d, "user_tower"))
        item_tower = _tower_arrays(item, _roles(item, D_i, H, d, "item_tower"))
        where = f"`{call}` for 3 users and 4 items"
        _, u_a, v_a = _forward_parts(got["out_a"])
        _, u_b, _ = _forward_parts(got["out_b"])
        u_a, u_b = (
            _tensor(u_a, f"`u` from {where}", (3, d)),
            _tensor(u_b, f"`u` from {where}", (3, d)),
        )
        v_a = _tensor(v_a, f"`v` from {where}", (4, d))
        assert_close(
            u_b,
            u_a,
            1e-6,
            1e-6,
            f"`u` from {where} after changing only item_x",
            "The user embeddings depend on the items: u must come from user_x and the user "
            "tower alone (no cross-features), so that item vectors can be precomputed",
        )
        # Oracle: each side recomputed in float64 from its own tower's parameters. The flag is
        # the normalize tests' business: unit-length rows are compared with normalised ones.
        sides = (("u", "user", u_a, user_x, user_tower), ("v", "item", v_a, item_a, item_tower))
        for name, side, got_e, x, params in sides:
            raw = _tower(x.astype(np.float64), *params)  # (B, d)
            unit = np.allclose(np.sqrt((got_e**2).sum(axis=1)), 1.0, atol=1e-4)
            assert_close(
                got_e,
                _unit_rows(raw) if unit else raw,
                F32_RTOL,
                F32_ATOL,
                f"`{name}` from {where}",
                f"{name} must be self.{side}_tower({side}_x): the parameters of "
                f"`model.{side}_tower` do not produce it",
            )


# ---- correctness: serving (optional follow-up) ------------------------------------------------

S_N, S_D_U, S_D_I, S_H, S_D = 40, 5, 7, 8, 3


def test_precompute_items_returns_unit_item_embeddings_without_autograd(student):
    item_x = np.random.default_rng(9).normal(size=(S_N, S_D_I)).astype(np.float32)
    got = _structure(
        student.probe(
            probe_precompute_items,
            seed=9,
            item_x=item_x,
            user_dim=S_D_U,
            hidden=S_H,
            emb=S_D,
        )
    )
    name = f"`precompute_items(model, item_x)` for {S_N} items"
    embeddings = got["embeddings"]
    if isinstance(embeddings, torch.Tensor):
        _fail(
            f"{name} returned a torch.Tensor, expected a NumPy array (an index such as FAISS "
            "stores NumPy arrays): return v.numpy()"
        )
    embeddings = expect_array(embeddings, name, shape=(S_N, S_D), shape_note="one row per item")
    expect_finite(embeddings, name, "for ordinary item features")
    item = _named(got["item"], "item_tower")
    item_tower = _tower_arrays(item, _roles(item, S_D_I, S_H, S_D, "item_tower"))
    # Oracle: the item tower recomputed in float64 from its parameters, each row / its length.
    raw = _tower(item_x.astype(np.float64), *item_tower)
    hint = "Run model.item_tower on item_x, then L2-normalise each row"
    if np.allclose(embeddings, raw, rtol=F32_RTOL, atol=F32_ATOL):
        hint = "The rows are not normalised: divide each item embedding by its length"
    assert_close(embeddings, _unit_rows(raw), F32_RTOL, F32_ATOL, name, hint)
    if any(got["grad_modes"]):
        _fail(
            f"{name} ran the item tower with autograd on, which records a graph (memory for "
            "every activation) that serving never uses: run it inside `with torch.no_grad():`"
        )


def test_precompute_items_gives_unit_rows_for_a_dot_product_model(student):
    # The contract: precompute_items returns unit-length item embeddings, for serving by
    # cosine, whatever the model's own `normalize` flag (it only decides what forward returns).
    item_x = np.random.default_rng(21).normal(size=(12, S_D_I)).astype(np.float32)
    got = _structure(
        student.probe(
            probe_precompute_items,
            seed=21,
            item_x=item_x,
            user_dim=S_D_U,
            hidden=S_H,
            emb=S_D,
            normalize=False,
        )
    )
    name = "`precompute_items(model, item_x)` for 12 items and a model built with normalize=False"
    embeddings = got["embeddings"]
    if isinstance(embeddings, torch.Tensor):
        embeddings = embeddings.detach().numpy()  # the type is the other test's business
    embeddings = expect_array(embeddings, name, shape=(12, S_D), shape_note="one row per item")
    expect_finite(embeddings, name, "for ordinary item features")
    item = _named(got["item"], "item_tower")
    item_tower = _tower_arrays(item, _roles(item, S_D_I, S_H, S_D, "item_tower"))
    # Oracle: the item tower recomputed in float64 from its parameters, each row / its length.
    raw = _tower(item_x.astype(np.float64), *item_tower)  # (12, d), lengths far from 1
    hint = "Run model.item_tower on item_x, then L2-normalise each row"
    if np.allclose(embeddings, raw, rtol=F32_RTOL, atol=F32_ATOL):
        hint = (
            "These are the raw item embeddings: the model's normalize=False was followed. "
            "Serving scores by cosine, so precompute_items always returns unit rows "
            "(F.normalize(v, dim=-1)), whatever the flag says"
        )
    assert_close(embeddings, _unit_rows(raw), F32_RTOL, F32_ATOL, name, hint)


def _indices(value: object, name: str, k: int) -> list[int]:
    """k item indices as Python ints, from a NumPy int array, a list of ints or an int tensor."""
    if isinstance(value, torch.Tensor):
        value = value.numpy()
    if isinstance(value, list | tuple) and all(
        isinstance(i, int | np.integer) and not isinstance(i, bool) for i in value
    ):
        value = np.array(value, dtype=np.int64)
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "iu":
        _fail(
            f"{name} is {describe(value)}, expected {k} integer indices (a NumPy int array "
            "or a list of ints)"
        )
    if value.shape != (k,):
        _fail(f"{name} has shape {value.shape}, expected ({k},): k indices")
    return [int(i) for i in value]


def test_retrieve_topk_returns_best_items_best_first(student):
    rng = np.random.default_rng(10)
    user_row = rng.normal(size=S_D_U).astype(np.float32)
    # 10 distinct unit vectors, each 4 times, shuffled: exact ties everywhere, whatever the
    # user. With k = 5 the cut falls inside a group of equal scores; any order of ties is fine.
    distinct = _unit_rows(rng.normal(size=(S_N // 4, S_D)))  # (10, d)
    items = distinct[rng.permutation(np.repeat(np.arange(S_N // 4), 4))].astype(np.float32)
    for k in (1, 5, S_N):
        got = _structure(
            student.probe(
                probe_retrieve_topk,
                seed=10,
                user_row=user_row,
                item_embeddings=items,
                k=k,
                item_dim=S_D_I,
                hidden=S_H,
                emb=S_D,
            )
        )
        name = f"`retrieve_topk(model, user_x_row, item_embeddings, k={k})` for {S_N} items"
        top = _indices(got["top"], name, k)
        user = _named(got["user"], "user_tower")
        user_tower = _tower_arrays(user, _roles(user, S_D_U, S_H, S_D, "user_tower"))
        # Oracle: cosine of the user (tower recomputed in float64) with each unit item row.
        u = _unit_rows(_tower(user_row[None, :].astype(np.float64), *user_tower))[0]  # (d,)
        scores = items.astype(np.float64) @ u  # (N,)
        best = np.sort(scores)[::-1]  # (N,) the scores of any right answer, in order
        tol = 1e-5  # float32 rounding; ties are exact duplicates, so any order of them is fine
        if len(set(top)) != k or not all(0 <= i < S_N for i in top):
            _fail(f"{name} returned {top}: expected {k} distinct item indices in [0, {S_N})")
        got_scores = scores[top]
        if np.all(np.abs(got_scores - best[:k]) <= tol):
            continue
        if np.all(np.abs(got_scores - np.sort(scores)[:k]) <= tol):
            hint = "These are the k LOWEST scores: sort by descending score (np.argsort(-s))"
        elif np.all(np.abs(np.sort(got_scores)[::-1] - best[:k]) <= tol):
            hint = "These are the right items in the wrong order: best first (descending score)"
        else:
            hint = (
                "Score every item by the cosine of the user embedding (user tower, then "
                "normalised) with its row of item_embeddings, and take the k largest"
            )
        _fail(
            f"{name} returned items {top} with cosine scores "
            f"{np.round(got_scores, 4).tolist()}; expected the scores "
            f"{np.round(best[:k], 4).tolist()} (the k best, best first; tied items may come in "
            f"any order). {hint}"
        )


# ---- stability -------------------------------------------------------------------------------


def test_l2_normalize_zero_row_gives_zeros_not_nan(student):
    M = np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [-1.0, 2.0, 2.0], [0.0, 0.0, 0.0]])
    got = expect_array(student.l2_normalize(M.copy()), NORMALIZE, shape=(4, 3))
    expect_finite(
        got,
        f"{NORMALIZE} for a matrix with all-zero rows",
        "An all-zero row has length 0, and 0 / 0 = nan. Add a small epsilon to the norm "
        "(M / (norms + 1e-8)) so a zero row comes out as zeros",
    )
    # Closed form: rows of length 5 and 3; a zero row stays zero.
    expected = np.array([[0.6, 0.8, 0.0], [0, 0, 0], [-1 / 3, 2 / 3, 2 / 3], [0, 0, 0]])
    assert_close(
        got,
        expected,
        COS_RTOL,
        COS_ATOL,
        f"{NORMALIZE} for a matrix with all-zero rows",
        "A zero row must give zeros, and the other rows must still have length 1",
    )


def test_numpy_cosine_finite_for_a_zero_embedding(student):
    rng = np.random.default_rng(11)
    D_u, D_i, H, d = 4, 6, 5, 3
    # User 0 has all-zero features and every first-layer pre-activation b1 < 0, so its hidden
    # layer is relu(b1) = 0 and with b2 = 0 its embedding is exactly zero. The other users have
    # positive features and positive W1, so x @ W1 + b1 > 0 and their embeddings are not zero.
    user_x = rng.uniform(0.5, 1.5, size=(3, D_u))
    user_x[0] = 0.0
    user_params = (
        rng.uniform(0.5, 1.5, size=(D_u, H)),
        np.full(H, -0.5),
        rng.normal(size=(H, d)),
        np.zeros(d),
    )
    item_x = rng.normal(size=(5, D_i))
    item_params = _params(rng, D_i, H, d)
    u, v = _tower(user_x, *user_params), _tower(item_x, *item_params)  # (3, 3), (5, 3)
    assert np.all(u[0] == 0.0) and np.all(np.abs(u[1:]).sum(axis=1) > 0.1)  # the set-up
    name = f"{SCORES} with cosine=True when user 0's embedding is all zeros"
    got = student.two_tower_scores(user_x, item_x, user_params, item_params, cosine=True)
    got = expect_array(got, name, shape=(3, 5), shape_note=SCORES_NOTE)
    expect_finite(
        got,
        name,
        "A zero embedding has length 0 and 0 / 0 = nan: add an epsilon to the norm in "
        "l2_normalize (M / (norms + 1e-8)) so a zero row normalises to zeros",
    )
    # Oracle: cosine in float64, with a zero row mapped to zeros (its scores are 0).
    assert_close(
        got,
        _scores(u, v, cosine=True),
        COS_RTOL,
        COS_ATOL,
        name,
        "The zero user scores 0 against every item; the other rows are ordinary cosines",
    )


def test_torch_cosine_finite_for_a_zero_embedding(student):
    (scores, u, v), _, v_raw, where = _torch_forward(
        student, seed=12, normalize=True, zero_user=True
    )
    where = f"{where}, every user-tower parameter set to 0"
    cause = (
        "Every user embedding is all zeros; dividing by its norm gives 0 / 0 = nan. Use "
        "F.normalize(u, dim=-1), which divides by max(norm, eps), or add an epsilon to the norm"
    )
    expect_finite(u, f"`u` from {where}", cause)
    expect_finite(scores, f"the score matrix of {where}", cause)
    # Closed form: zero embeddings stay zero, so every score is 0; the items are unaffected.
    assert_close(u, np.zeros_like(u), 0.0, 1e-6, f"`u` from {where}", "A zero row normalises to 0")
    assert_close(scores, np.zeros_like(scores), 0.0, 1e-6, f"the score matrix of {where}", cause)
    assert_close(
        v,
        _unit_rows(v_raw),
        F32_RTOL,
        F32_ATOL,
        f"`v` from {where}",
        "The item embeddings must still be normalised to length 1",
    )


# ---- gradient ------------------------------------------------------------------------------

G_B_U, G_B_I, G_D_U, G_D_I, G_H, G_D = 3, 4, 5, 7, 6, 2


def _gradient_run(student, normalize: bool) -> dict:
    """Backward through the student's float64 model, and what the oracle needs to redo it.

    The gradient tests judge gradients only: the finite differences are taken of the function
    the model really computes (cosine or dot, whatever the flag said), which the correctness
    tests judge on their own."""
    rng = np.random.default_rng(13 if normalize else 14)
    user_x, item_x = rng.normal(size=(G_B_U, G_D_U)), rng.normal(size=(G_B_I, G_D_I))
    weights = rng.normal(size=(G_B_U, G_B_I))  # loss = sum(weights * scores)
    got = _structure(
        student.probe(
            probe_two_tower_gradients,
            seed=13,
            user_x=user_x,
            item_x=item_x,
            hidden=G_H,
            emb=G_D,
            normalize=normalize,
            weights=weights,
        )
    )
    sides = {}
    for side, in_dim in (("user_tower", G_D_U), ("item_tower", G_D_I)):
        rows = got["user" if side == "user_tower" else "item"]
        if not isinstance(rows, list) or not rows:
            _fail(f"`model.{side}` has no parameters: is it an nn.Module?")
        named = [(str(r[0]), r[1]) for r in rows]
        sides[side] = (named, [r[2] for r in rows], _roles(named, in_dim, G_H, G_D, side))
    u = _tower(user_x, *_tower_arrays(sides["user_tower"][0], sides["user_tower"][2]))
    v = _tower(item_x, *_tower_arrays(sides["item_tower"][0], sides["item_tower"][2]))
    scores = _tensor(got["scores"], "the score matrix of the float64 model", (G_B_U, G_B_I))
    for cosine in (normalize, not normalize):
        if np.allclose(scores, _scores(u, v, cosine), rtol=1e-6, atol=1e-9):  # eps-tolerant
            break
    else:
        _fail(
            f"The scores of TwoTower(normalize={normalize}) in float64 are neither the dot "
            "products nor the cosines of user_tower(user_x) and item_tower(item_x), so their "
            "gradients cannot be checked: fix the forward first (see the correctness tests)"
        )
    aliases = {("user_tower", str(a)): ("item_tower", str(b)) for a, b in got["aliases"]}
    aliases.update({b: a for a, b in list(aliases.items())})
    return {
        "user_x": user_x,
        "item_x": item_x,
        "weights": weights,
        "sides": sides,
        "cosine": cosine,
        "aliases": aliases,
    }


def test_gradients_reach_both_towers(student):
    for normalize in (True, False):
        run = _gradient_run(student, normalize)
        for side, (named, grads, _) in run["sides"].items():
            missing = [name for (name, _), g in zip(named, grads, strict=True) if g is None]
            grads_found = [np.asarray(g, dtype=np.float64) for g in grads if g is not None]
            total = sum(float(np.abs(g).sum()) for g in grads_found)
            if not missing and total > 0.0:
                continue
            which = "v" if side == "item_tower" else "u"
            detail = (
                f"its parameters {', '.join(missing)} have no .grad"
                if missing
                else "every gradient is zero"
            )
            _fail(
                f"After backward() of a loss on the scores of TwoTower(normalize={normalize}), "
                f"no gradient reached `model.{side}`: {detail}. The scores must stay connected "
                f"to both towers: no .detach(), .data, torch.no_grad() or NumPy round trip on "
                f"{which} inside forward"
            )


def _loss_oracle(run: dict, side: str, name: str, point: np.ndarray) -> float:
    """float64 oracle: sum(weights * scores) with the parameter `side.name` set to `point`
    (and, if the model wrongly shares it with the other tower, that copy too)."""
    moved = {(side, name), run["aliases"].get((side, name))}
    towers = {}
    for s, (named, _, roles) in run["sides"].items():
        values = [(n, point if (s, n) in moved else t) for n, t in named]
        towers[s] = _tower_arrays(values, roles)
    u = _tower(run["user_x"], *towers["user_tower"])  # (B_u, d)
    v = _tower(run["item_x"], *towers["item_tower"])  # (B_i, d)
    return float((run["weights"] * _scores(u, v, run["cosine"])).sum())


def test_gradients_match_finite_differences(student):
    for normalize in (True, False):
        run = _gradient_run(student, normalize)
        for side, (named, grads, _) in run["sides"].items():
            for (name, value), grad in zip(named, grads, strict=True):
                what = f"the gradient of `model.{side}.{name}` (normalize={normalize})"
                if grad is None:
                    _fail(
                        f"{what} is None: no gradient reached `model.{side}` (a .detach() or "
                        "torch.no_grad() inside forward?)"
                    )
                grad = np.asarray(grad, dtype=np.float64)
                # Oracle: central differences (h = 1e-6, float64) of the loss recomputed here
                # from the model's own parameters; their error is ~1e-9, far inside 1e-7.
                numeric = central_differences(
                    partial(_loss_oracle, run, side, name),
                    np.asarray(value, dtype=np.float64),
                    h=1e-6,
                )
                hint = "autograd through u = user_tower(user_x), v = item_tower(item_x), u @ v.T"
                if np.allclose(grad, 0.0) and not np.allclose(numeric, 0.0, atol=1e-6):
                    hint = "The gradient is zero: is this tower cut off from the scores?"
                elif run["cosine"] and np.allclose(grad, numeric, rtol=1e-3, atol=1e-4):
                    hint = "Close but not exact: is the epsilon in the normalisation too large?"
                assert_close(grad, numeric, 1e-5, 1e-7, f"{what} vs central differences", hint)


# ---- complexity ------------------------------------------------------------------------------

C_B_U, C_B_I, C_D_U, C_D_I, C_H, C_D = 10, 12, 4, 6, 5, 3


def test_scores_run_each_tower_once_per_row_not_once_per_pair(student):
    rng = np.random.default_rng(15)
    user_x, item_x = rng.normal(size=(C_B_U, C_D_U)), rng.normal(size=(C_B_I, C_D_I))
    user_params, item_params = _params(rng, C_D_U, C_H, C_D), _params(rng, C_D_I, C_H, C_D)
    counts = student.probe(
        probe_scores_tower_calls,
        user_x=user_x,
        item_x=item_x,
        user_params=user_params,
        item_params=item_params,
    )
    rows = counts.get("rows") if isinstance(counts, dict) else None
    if rows is None or counts.get("calls") == 0:
        return  # `tower` is not called through the global name: nothing to count
    # Right: each user row and each item row goes through its tower once, B_u + B_i = 22 rows
    # (twice that for a tower that splits a batch into rows and calls itself). Recomputing the
    # towers for every pair pushes 2 * B_u * B_i = 240 rows. The limit sits between.
    limit = 4 * (C_B_U + C_B_I)
    assert rows <= limit, (
        f"`two_tower_scores` for {C_B_U} users and {C_B_I} items pushed {rows} rows through "
        f"`tower` in {counts['calls']} calls; expected about {C_B_U + C_B_I} (each user and "
        f"each item once; limit {limit}). Likely cause: the towers are recomputed for every "
        f"(user, item) pair, O(B_u * B_i * (D * H + H * d)) instead of "
        f"O((B_u + B_i) * (D * H + H * d) + B_u * B_i * d). Compute u = tower(user_x, ...) and "
        f"v = tower(item_x, ...) once, before the loop over pairs"
    )
