"""Grading suite for p10_sgd_loop.

The student writes `train(model, loader, epochs, lr=1e-3)`, the canonical PyTorch training loop
(one torch.optim.AdamW for the run, torch.nn.CrossEntropyLoss, and zero_grad -> forward -> loss
-> backward -> step for every batch of every epoch), and two optional follow-ups:
`numpy_sgd_step(X, y, W, b, lr) -> (W_new, b_new, loss)`, one plain SGD step of softmax
regression without autograd, and `train_accumulated(model, loader, accum_steps, lr)`, gradient
accumulation with plain torch.optim.SGD.
Letters: N examples, D features, C classes, M examples per batch, H hidden units, K batches per
epoch, E epochs.

Every expected value is computed in this file, never taken from a solution:
- `train`: a probe builds a float64 MLP Linear(D, H) -> ReLU -> Linear(H, C) under a fixed seed
  in the worker, hands it and a list of float64 batches to `train`, and returns the parameters
  before and after. This file replays the canonical loop from those initial parameters with
  F.cross_entropy, autograd and AdamW's update rule with its defaults (written out below from
  PyTorch's documented algorithm, so the oracle does not share torch.optim with the student);
  everything is float64 and deterministic, so the final parameters must agree to rounding
  (measured: 2e-14 relative, against a tolerance of 1e-9). It also replays the loop with each
  common bug (no zero_grad, step before backward, a new optimizer per batch, one epoch, ...)
  and their combinations, 432 loops in all, computed only as far as needed, to name the bug
  whose parameters the student's match. Each gotcha test passes when the parameters match a
  replay free of *its* bug and the same replay with its bug would not match too, so a loop
  with one bug loses the main test and that bug's test, not every test. A loop whose step()
  never sees a gradient shows nothing, and passes none of them.
- `numpy_sgd_step`: the mean cross-entropy by log-sum-exp in float64; its gradient by central
  differences of that loss.
- `train_accumulated`: plain SGD steps on the concatenated big batches (mean over all of a
  big batch's examples), the result gradient accumulation must reproduce; its gotcha test
  replays accumulation with and without the division by accum_steps, as `train`'s tests do.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

import itertools
from dataclasses import dataclass, fields, replace
from typing import NoReturn

import numpy as np
import torch
import torch.nn.functional as F

from autograder.checks import (
    assert_close,
    central_differences,
    describe,
    expect_array,
    expect_finite,
    expect_scalar,
)

TRAIN = "`train(model, loader, epochs, lr)`"
STEP = "`numpy_sgd_step(X, y, W, b, lr)`"
ACCUM = "`train_accumulated(model, loader, accum_steps, lr)`"
PARAM_NAMES = ("model[0].weight", "model[0].bias", "model[2].weight", "model[2].bias")

# The same float64 ops in the same order agree bit for bit; 1e-9 leaves room for another
# order of summation. The closest bug the replays tell apart (a summed instead of averaged
# loss, which Adam nearly cancels) moves a parameter by ~1e-7 relative.
RTOL, ATOL = 1e-9, 1e-12


def _fail(message: str) -> NoReturn:
    """Raise the AssertionError the student sees, first letter capitalised (as checks.py does)."""
    raise AssertionError(message[:1].upper() + message[1:])


# ---- probes (they run in the worker, next to the student's code) ------------------------------


def probe_train(ns, seed, sizes, batches, epochs, lr):
    """Parameters of a float64 MLP before and after the student's `train` on `batches`."""
    import torch

    D, H, C = sizes
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(D, H), torch.nn.ReLU(), torch.nn.Linear(H, C)
    ).double()
    initial = [p.detach().clone() for p in model.parameters()]
    # A plain list: fixed order, the same batches every epoch (a DataLoader, shuffle=False).
    loader = [(torch.tensor(x), torch.tensor(y)) for x, y in batches]
    if lr is None:  # the default learning rate
        ns["train"](model, loader, epochs)
    else:
        ns["train"](model, loader, epochs, lr)
    return {"initial": initial, "final": [p.detach().clone() for p in model.parameters()]}


def probe_train_accumulated(ns, seed, sizes, batches, accum_steps, lr):
    """Parameters of a float64 MLP before and after the student's `train_accumulated`."""
    import torch

    D, H, C = sizes
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(D, H), torch.nn.ReLU(), torch.nn.Linear(H, C)
    ).double()
    initial = [p.detach().clone() for p in model.parameters()]
    loader = [(torch.tensor(x), torch.tensor(y)) for x, y in batches]
    ns["train_accumulated"](model, loader, accum_steps, lr)
    return {"initial": initial, "final": [p.detach().clone() for p in model.parameters()]}


# ---- the training run, and the student's parameters after it ---------------------------------


@dataclass(frozen=True)
class _Run:
    batches: tuple  # ((xb (M, D) float64 tensor, yb (M,) int64 tensor), ...)
    epochs: int
    lr: float  # the learning rate the optimizer must use (1e-3 when `train` got none)
    lr_given: bool  # False: `train` was called without its lr argument
    initial: tuple  # the MLP's parameters before `train`, float64 tensors, PARAM_NAMES order
    final: tuple  # the same parameters after `train`, float64 NumPy arrays

    def where(self) -> str:
        sizes = ", ".join(str(len(yb)) for _, yb in self.batches)
        lr = f"lr={self.lr:g}" if self.lr_given else "no lr argument (default 1e-3)"
        return (
            f"{TRAIN} with epochs={self.epochs}, {lr}, {len(self.batches)} batches of sizes {sizes}"
        )


def _batches(seed: int, sizes: tuple, n: int, m: int) -> list:
    """N = n examples drawn from normal(0, 1), labels in [0, C), cut into batches of M = m."""
    D, _, C = sizes
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, D))  # (N, D)
    y = rng.integers(0, C, size=n)  # (N,)
    return [(X[i : i + m], y[i : i + m]) for i in range(0, n, m)]


def _parameters(values: object, expected_shapes: list, what: str) -> list:
    """The four parameters a probe returned, checked: tensors, shapes, float64, finite.
    `what` says when, e.g. "after `train(...)` with ...", and starts each message."""
    if not isinstance(values, list) or len(values) != 4:
        _fail(
            f"{what} the model has {describe(values)} parameter(s), expected the 4 of "
            f"Linear(D, H) -> ReLU -> Linear(H, C): train the model you are given, in place"
        )
    arrays = []
    for k, (name, value) in enumerate(zip(PARAM_NAMES, values, strict=True)):
        if not isinstance(value, torch.Tensor):
            _fail(f"`{name}` {what} is {describe(value)}, expected a torch.Tensor")
        shape = tuple(value.shape)
        if shape != expected_shapes[k]:
            _fail(
                f"`{name}` {what} has shape {shape}, expected {expected_shapes[k]}: "
                f"train the parameters of the model you are given, do not replace them"
            )
        if value.dtype != torch.float64:
            _fail(
                f"`{name}` {what} has dtype {value.dtype}, expected torch.float64 (the "
                f"model arrives in float64): no .float() or .to(...) on the model or the batches"
            )
        array = value.numpy()
        expect_finite(
            array,
            f"`{name}` {what}",
            "The parameters blew up: check the learning rate you pass to the optimizer",
        )
        arrays.append(array)
    return arrays


def _train_run(student, seed: int, epochs: int, lr: float | None, n: int = 12, m: int = 4):
    """Run the student's `train` in the worker on N = n examples in batches of M = m."""
    sizes = (5, 7, 3)  # (D, H, C), all different
    batches = _batches(seed, sizes, n, m)
    got = student.probe(
        probe_train,
        for_function="train",
        seed=seed,
        sizes=sizes,
        batches=batches,
        epochs=epochs,
        lr=lr,
    )
    D, H, C = sizes
    shapes = [(H, D), (H,), (C, H), (C,)]  # nn.Linear stores its weight as (out, in)
    # Taken in the worker before `train` ran; checked, since the notebook's code ran before.
    before = _parameters(got["initial"], shapes, "as the grader built it, before `train`,")
    initial = tuple(torch.from_numpy(a.copy()) for a in before)
    run = _Run(
        batches=tuple((torch.from_numpy(x.copy()), torch.from_numpy(y.copy())) for x, y in batches),
        epochs=epochs,
        lr=1e-3 if lr is None else lr,
        lr_given=lr is not None,
        initial=initial,
        final=(),
    )
    return replace(run, final=tuple(_parameters(got["final"], shapes, f"after {run.where()}")))


# ---- replays of the loop, right and with the common bugs (the oracles) ------------------------


@dataclass(frozen=True)
class _Loop:
    """One way to write the training loop. The first value of each field is the right one."""

    zero_grad: str = "every batch"  # or "never"
    order: str = "right"  # or "step first", "zero between", "zero between, keep"
    optimizer: str = "once"  # or "per batch", "per epoch"
    epochs: str = "all"  # or "one", "one too few"
    setup: str = "AdamW"  # or "Adam", "SGD", "lr ignored", "softmax", "sum"


CHOICES = {
    "zero_grad": ("every batch", "never"),
    "order": ("right", "step first", "zero between", "zero between, keep"),
    "optimizer": ("once", "per batch", "per epoch"),
    "epochs": ("all", "one", "one too few"),
    "setup": ("AdamW", "Adam", "SGD", "lr ignored", "softmax", "sum"),
}

# What each wrong choice means, in the student's terms.
BUG_WORDS = {
    ("zero_grad", "never"): "no zero_grad(): backward() adds into .grad, so every step used the "
    "sum of the gradients of all batches so far",
    ("order", "step first"): "step() before backward(): each step used the previous batch's "
    "gradients and the last batch's gradients were never applied",
    ("order", "zero between"): "zero_grad() between backward() and step() (or step() before "
    "backward() in the same iteration): step() found no gradients and nothing moved",
    ("order", "zero between, keep"): "zero_grad(set_to_none=False) between backward() and "
    "step(): step() saw all-zero gradients, and only AdamW's weight decay moved the parameters",
    ("optimizer", "per batch"): "a new AdamW for every batch: Adam's running averages of the "
    "gradient and its square restarted at every step",
    ("optimizer", "per epoch"): "a new AdamW every epoch: Adam's running averages restarted at "
    "each epoch",
    ("epochs", "one"): "only one epoch ran (is the loop over epochs missing?)",
    ("epochs", "one too few"): "one epoch too few ran (range(1, epochs)?)",
    ("setup", "Adam"): "torch.optim.Adam instead of AdamW (no decoupled weight decay)",
    ("setup", "SGD"): "torch.optim.SGD instead of AdamW",
    ("setup", "lr ignored"): "the `lr` argument was ignored: the optimizer used lr=1e-3",
    ("setup", "softmax"): "softmax applied to the outputs before CrossEntropyLoss, which wants "
    "raw logits (it applies log-softmax itself)",
    ("setup", "sum"): "the loss summed over the batch instead of averaged: "
    "CrossEntropyLoss() with its default reduction='mean' is the one to use",
}

UNKNOWN = (
    "They match none of the loops the grader replays: the canonical one and the ones with the "
    "common bugs (no zero_grad, step before backward, zero_grad between backward and step, a new "
    "optimizer per batch or per epoch, too few epochs, Adam/SGD instead of AdamW, lr ignored, "
    "softmax before the loss, a summed loss). Use torch.optim.AdamW(model.parameters(), lr=lr) "
    "and torch.nn.CrossEntropyLoss() on the raw outputs; for every epoch and every (xb, yb) of "
    "the loader, as given (no reshuffling, no clipping, no extra steps): zero_grad, forward, "
    "loss, backward, step"
)


def _bugs(loop: _Loop) -> list[str]:
    return [
        BUG_WORDS[(f.name, getattr(loop, f.name))]
        for f in fields(loop)
        if getattr(loop, f.name) != CHOICES[f.name][0]
    ]


def _all_loops() -> list[_Loop]:
    """Every combination of choices, the right loop first, then by number of bugs."""
    loops = [_Loop(*values) for values in itertools.product(*CHOICES.values())]
    return sorted(loops, key=lambda loop: len(_bugs(loop)))


def _mlp(params: list, xb: torch.Tensor) -> torch.Tensor:
    W1, b1, W2, b2 = params
    return F.linear(F.relu(F.linear(xb, W1, b1)), W2, b2)  # (M, C) logits


class _Optimizer:
    """The update rules of torch.optim.SGD (no momentum), Adam and AdamW with their defaults,
    written out from PyTorch's documented algorithms, so the replays need no torch.optim.

    AdamW, for each parameter p with gradient g at its t-th step (t counts its own steps):
        p <- p * (1 - lr * weight_decay)                          (decoupled weight decay)
        m <- beta1 * m + (1 - beta1) * g,   v <- beta2 * v + (1 - beta2) * g^2
        p <- p - lr / (1 - beta1^t) * m / (sqrt(v / (1 - beta2^t)) + eps)
    Adam is the same with weight_decay = 0; SGD is p <- p - lr * g. A parameter whose .grad is
    None is skipped, as torch.optim does (its t does not advance).
    """

    def __init__(self, params: list, lr: float, kind: str = "AdamW"):
        self.params, self.lr, self.kind = params, lr, kind
        self.betas, self.eps = (0.9, 0.999), 1e-8
        self.weight_decay = 0.01 if kind == "AdamW" else 0.0  # torch's defaults
        self.state: dict = {}  # index -> [t, m, v]

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.params:
            if p.grad is not None:
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.zero_()

    @torch.no_grad()
    def step(self) -> None:
        beta1, beta2 = self.betas
        for k, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            if self.kind == "SGD":
                p -= self.lr * g
                continue
            t, m, v = self.state.get(k, (0, torch.zeros_like(p), torch.zeros_like(p)))
            t, m, v = t + 1, beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
            self.state[k] = (t, m, v)
            p *= 1 - self.lr * self.weight_decay
            denom = (v / (1 - beta2**t)).sqrt() + self.eps
            p -= self.lr / (1 - beta1**t) * m / denom


def _replay(run: _Run, loop: _Loop) -> list[np.ndarray]:
    """Final parameters of `loop`, written as that loop would be, from the run's start."""
    params = [t.clone().requires_grad_(True) for t in run.initial]
    lr = 1e-3 if loop.setup == "lr ignored" else run.lr

    def new_optimizer():
        kind = loop.setup if loop.setup in ("Adam", "SGD") else "AdamW"
        return _Optimizer(params, lr, kind)

    epochs = {"all": run.epochs, "one": 1, "one too few": run.epochs - 1}[loop.epochs]
    opt = new_optimizer()
    for _ in range(epochs):
        if loop.optimizer == "per epoch":
            opt = new_optimizer()
        for xb, yb in run.batches:
            if loop.optimizer == "per batch":
                opt = new_optimizer()
            if loop.order == "step first":
                opt.step()  # with whatever gradients the previous batch left
            if loop.zero_grad == "every batch":
                opt.zero_grad()
            out = _mlp(params, xb)  # (M, C)
            if loop.setup == "softmax":
                out = torch.softmax(out, dim=1)  # (M, C)
            reduction = "sum" if loop.setup == "sum" else "mean"
            F.cross_entropy(out, yb, reduction=reduction).backward()
            if loop.order == "zero between":
                opt.zero_grad()
            elif loop.order == "zero between, keep":
                opt.zero_grad(set_to_none=False)
            if loop.order != "step first":
                opt.step()
    return [p.detach().numpy().copy() for p in params]


class _Replays:
    """Replays of one run, each computed once, on demand."""

    def __init__(self, run: _Run):
        self.run = run
        self._done: dict = {}

    def of(self, loop: _Loop) -> list[np.ndarray]:
        if loop not in self._done:
            self._done[loop] = _replay(self.run, loop)
        return self._done[loop]

    def matches(self, loop: _Loop) -> bool:
        return all(
            np.allclose(got, want, rtol=RTOL, atol=ATOL)
            for got, want in zip(self.run.final, self.of(loop), strict=True)
        )

    def first_match(self, loops) -> _Loop | None:
        return next((loop for loop in loops if self.matches(loop)), None)


def _fail_against_reference(replays: _Replays, hint: str) -> NoReturn:
    """Fail on the first parameter that differs from the canonical loop's, with `hint`."""
    run = replays.run
    for name, got, want in zip(PARAM_NAMES, run.final, replays.of(_Loop()), strict=True):
        assert_close(got, want, RTOL, ATOL, f"`{name}` after {run.where()}", hint)
    _fail(f"after {run.where()} the parameters differ from the reference. {hint}")


def _match_words(loop: _Loop, first: str) -> str:
    """`first` (the bug the test is about) and the other bugs of `loop`, as one sentence."""
    others = [words for words in _bugs(loop) if words != first]
    also = f" (and also: {'; '.join(others)})" if others else ""
    return f"The parameters are exactly what this bug gives: {first}{also}"


def _blind(loop: _Loop) -> bool:
    """A loop whose step() never sees a gradient: its parameters do not move (or shrink by
    weight decay only), so they cannot show whether any other choice was right."""
    return loop.order in ("zero between", "zero between, keep")


def _judge(run: _Run, axis: str, wrong: tuple, topic: str, gotcha: str) -> None:
    """Pass when the parameters match a replay whose `axis` is right, whatever its other
    choices, and the same replay with a wrong `axis` would not match too (then the parameters
    show nothing about `axis`). Otherwise fail, naming the bug a matching replay has."""
    replays = _Replays(run)
    loops = _all_loops()
    right = replays.first_match(
        lp for lp in loops if getattr(lp, axis) not in wrong and not _blind(lp)
    )
    if right is not None:
        twin = replays.first_match(replace(right, **{axis: value}) for value in wrong)
        if twin is None:
            return
        first = BUG_WORDS[(axis, getattr(twin, axis))]
        _fail_against_reference(
            replays,
            f"These parameters cannot show whether {topic}. They are exactly what this bug "
            f"gives: {'; '.join(_bugs(right))}; and with that bug, this one would give the same "
            f"parameters: {first}. Fix the other bug first. {gotcha}",
        )
    match = replays.first_match(lp for lp in loops if getattr(lp, axis) in wrong or _blind(lp))
    if match is None:
        _fail_against_reference(replays, f"{UNKNOWN}. {gotcha}")
    if getattr(match, axis) in wrong:
        words = BUG_WORDS[(axis, getattr(match, axis))]
        _fail_against_reference(replays, f"{_match_words(match, words)}. {gotcha}")
    blind = BUG_WORDS[("order", match.order)]
    _fail_against_reference(
        replays,
        f"{_match_words(match, blind)}. With no gradient reaching step(), the parameters "
        f"cannot show whether {topic}; fix that first",
    )


# ---- shapes ----------------------------------------------------------------------------------


def test_train_keeps_parameter_shapes_and_dtype_with_a_short_last_batch(student):
    # N = 10 in batches of M = 4: the last batch has 2 examples.
    sizes = (6, 5, 4)  # (D, H, C), all different
    batches = _batches(20, sizes, n=10, m=4)
    got = student.probe(
        probe_train, for_function="train", seed=20, sizes=sizes, batches=batches, epochs=2, lr=0.01
    )
    expected = [(5, 6), (5,), (4, 5), (4,)]  # nn.Linear stores its weight as (out, in)
    where = f"after {TRAIN} with D = 6, H = 5, C = 4 and batches of sizes 4, 4, 2"
    initial = _parameters(got["initial"], expected, "as the grader built it, before `train`,")
    final = _parameters(got["final"], expected, where)
    if all(np.array_equal(a, b) for a, b in zip(final, initial, strict=True)):
        _fail(
            f"{where} every parameter is exactly as it was: no step was taken, so there "
            f"is no trained model to check. Every batch needs zero_grad -> forward -> loss -> "
            f"backward -> step, with step() after backward()"
        )


# ---- correctness: the whole trajectory -------------------------------------------------------


def test_train_matches_adamw_reference_trajectory(student):
    run = _train_run(student, seed=0, epochs=2, lr=0.05)
    replays = _Replays(run)
    if replays.matches(_Loop()):
        return
    match = replays.first_match(_all_loops()[1:])
    if match is None:
        _fail_against_reference(replays, UNKNOWN)
    bugs = _bugs(match)
    _fail_against_reference(replays, _match_words(match, bugs[0]))


# ---- correctness: one gotcha each ------------------------------------------------------------


def test_train_clears_gradients_before_every_backward(student):
    run = _train_run(student, seed=1, epochs=2, lr=0.05)
    _judge(
        run,
        "zero_grad",
        ("never",),
        "the gradients are cleared before every backward()",
        "Call opt.zero_grad() at the top of every batch: PyTorch adds each backward() into "
        ".grad, so without it every step uses the gradients of all earlier batches too",
    )


def test_train_zero_grad_comes_before_backward_not_between_backward_and_step(student):
    run = _train_run(student, seed=2, epochs=2, lr=0.05)
    _judge(
        run,
        "order",
        ("zero between", "zero between, keep"),
        "zero_grad() comes before backward()",
        "zero_grad() must come before backward(): between backward() and step() it wipes the "
        "gradients just computed, so step() has nothing to apply",
    )


def test_train_steps_after_backward_on_the_current_batch(student):
    run = _train_run(student, seed=3, epochs=2, lr=0.05)
    _judge(
        run,
        "order",
        ("step first",),
        "step() comes after backward()",
        "The order is zero_grad -> forward -> loss -> backward -> step: step() goes last, after "
        "backward() has filled .grad with this batch's gradients",
    )


def test_train_keeps_one_optimizer_for_all_batches(student):
    run = _train_run(student, seed=4, epochs=2, lr=0.05)
    _judge(
        run,
        "optimizer",
        ("per batch",),
        "one optimizer serves all the batches",
        "Create the AdamW optimizer once, before the loops, not inside the loop over the "
        "batches: it keeps running averages of each parameter's gradient and squared gradient "
        "from step to step, and a new optimizer starts them from zero at every step",
    )


def test_train_keeps_one_optimizer_across_epochs(student):
    run = _train_run(student, seed=11, epochs=3, lr=0.05, n=8, m=4)
    _judge(
        run,
        "optimizer",
        ("per epoch",),
        "one optimizer serves all the epochs",
        "Create the AdamW optimizer once, before the loop over the epochs too: a new one at "
        "the top of each epoch restarts Adam's running averages (and its bias correction) "
        "every epoch",
    )


def test_train_runs_more_than_one_epoch(student):
    run = _train_run(student, seed=5, epochs=3, lr=0.05, n=8, m=4)
    _judge(
        run,
        "epochs",
        ("one",),
        "every epoch ran",
        "Loop `for epoch in range(epochs):` around the loop over the batches: every epoch is "
        "one more pass over the whole loader",
    )


def test_train_runs_all_epochs_not_one_too_few(student):
    run = _train_run(student, seed=12, epochs=3, lr=0.05, n=8, m=4)
    _judge(
        run,
        "epochs",
        ("one too few",),
        "all the epochs ran",
        "range(epochs) runs epochs passes, 0 to epochs - 1; range(1, epochs) runs one fewer",
    )


def test_train_uses_the_given_lr(student):
    run = _train_run(student, seed=6, epochs=2, lr=0.2, n=8, m=4)
    _judge(
        run,
        "setup",
        ("lr ignored",),
        "the optimizer uses the `lr` given",
        "Pass the learning rate on: torch.optim.AdamW(model.parameters(), lr=lr)",
    )


def test_train_defaults_to_lr_1e_3(student):
    # Without an lr argument, train must use its default, lr=1e-3.
    run = _train_run(student, seed=7, epochs=2, lr=None, n=8, m=4)
    replays = _Replays(run)
    if replays.first_match(lp for lp in _all_loops() if not _blind(lp)):
        return
    for lr in (1e-2, 1e-4, 3e-4, 1e-1, 1.0):
        if _Replays(replace(run, lr=lr)).matches(_Loop()):
            _fail_against_reference(
                replays,
                f"Called without `lr`, the optimizer used lr={lr:g}: the signature is "
                f"train(model, loader, epochs, lr=1e-3)",
            )
    _fail_against_reference(
        replays, f"{UNKNOWN}. Called without `lr`, train must use its default lr=1e-3"
    )


def test_train_uses_adamw_not_adam(student):
    run = _train_run(student, seed=13, epochs=2, lr=0.05, n=8, m=4)
    _judge(
        run,
        "setup",
        ("Adam",),
        "the optimizer is AdamW",
        "Use torch.optim.AdamW(model.parameters(), lr=lr): Adam has no decoupled weight decay "
        "(AdamW's default weight_decay=0.01 shrinks every weight by lr * 0.01 each step), so "
        "its weights drift from AdamW's from the first step on",
    )


def test_train_uses_adamw_not_plain_sgd(student):
    run = _train_run(student, seed=14, epochs=2, lr=0.05, n=8, m=4)
    _judge(
        run,
        "setup",
        ("SGD",),
        "the optimizer is AdamW",
        "The loop is mini-batch SGD in shape, but the optimizer asked for is "
        "torch.optim.AdamW(model.parameters(), lr=lr), not torch.optim.SGD",
    )


def test_train_averages_the_loss_over_the_batch(student):
    run = _train_run(student, seed=15, epochs=2, lr=0.05, n=8, m=4)
    _judge(
        run,
        "setup",
        ("sum",),
        "the loss is the batch mean",
        "Use torch.nn.CrossEntropyLoss() with its default reduction='mean': a summed loss "
        "scales every gradient by the batch size M, so the step size would depend on M (Adam "
        "nearly cancels the scale, through its eps it does not)",
    )


# ---- numpy_sgd_step (optional follow-up) -----------------------------------------------------


def _softmax_regression_loss(X, y, W, b) -> float:
    """Mean cross-entropy of logits X @ W + b, by log-sum-exp (max-shifted: cannot overflow)."""
    z = X @ W + b  # (N, C)
    m = z.max(axis=1, keepdims=True)  # (N, 1)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))  # (N,)
    return float(np.mean(lse - z[np.arange(len(y)), y]))


def _softmax_regression_step(X, y, W, b, lr) -> tuple:
    """One SGD step, float64: dL/dz = (softmax(z) - onehot(y)) / N, dL/dW = X^T dL/dz."""
    z = X @ W + b  # (N, C)
    p = np.exp(z - z.max(axis=1, keepdims=True))  # (N, C) max-shifted
    p /= p.sum(axis=1, keepdims=True)  # (N, C) softmax
    p[np.arange(len(y)), y] -= 1.0  # (N, C) p - onehot(y)
    dz = p / len(y)  # (N, C)
    return W - lr * (X.T @ dz), b - lr * dz.sum(axis=0)  # (D, C), (C,)


def _split_triple(result: object) -> tuple:
    if result is None:
        _fail(
            f"{STEP} returned None, expected a triple (W_new, b_new, loss): is a `return` missing?"
        )
    if not isinstance(result, tuple | list) or len(result) != 3:
        _fail(f"{STEP} returned {describe(result)}, expected a triple: `return W_new, b_new, loss`")
    return result[0], result[1], result[2]


def _ordinary_step_inputs() -> tuple:
    """A softmax-regression step of ordinary size: N = 6, D = 4, C = 3 (all different)."""
    rng = np.random.default_rng(8)
    X = rng.normal(size=(6, 4))  # (N, D)
    y = np.array([2, 0, 2, 1, 0, 2])  # (N,)
    W = rng.normal(scale=0.5, size=(4, 3))  # (D, C)
    b = rng.normal(scale=0.5, size=3)  # (C,)
    return X, y, W, b, 0.5


def test_numpy_sgd_step_returns_w_new_b_new_shaped_like_w_and_b(student):
    X, y, W, b, lr = _ordinary_step_inputs()
    (N, D), C = X.shape, W.shape[1]
    W_value, b_value, loss_value = _split_triple(student.numpy_sgd_step(X, y, W, b, lr))
    expect_array(
        W_value, f"W_new from {STEP}", shape=(D, C), dtype="float64", shape_note="like W: (D, C)"
    )
    b_note = (
        "like b: (C,). A keepdims=True in the sum over the rows makes the gradient (1, C), "
        "and b - lr * grad_b broadcasts to (1, C) without an error"
    )
    expect_array(b_value, f"b_new from {STEP}", shape=(C,), dtype="float64", shape_note=b_note)
    if isinstance(loss_value, np.ndarray) and loss_value.shape == (N,):
        _fail(
            f"the loss from {STEP} is an array of shape ({N},), one value per example: return "
            f"their mean, one number"
        )
    expect_scalar(loss_value, f"the loss from {STEP}")


def _implied_gradient_check(student, name: str) -> None:
    """The step the student took for `name` ("W" or "b"), divided by -lr, against central
    differences (h = 1e-5, float64) of the mean cross-entropy; their error here is ~1e-10."""
    X, y, W, b, lr = _ordinary_step_inputs()
    N, C = len(y), W.shape[1]
    W_value, b_value, _ = _split_triple(student.numpy_sgd_step(X, y, W, b, lr))
    if name == "W":
        old, value, shape, note = W, W_value, W.shape, "like W"
        numeric = central_differences(lambda w: _softmax_regression_loss(X, y, w, b), W)
    else:
        old, value, shape, note = b, b_value, (C,), "like b"
        numeric = central_differences(lambda v: _softmax_regression_loss(X, y, W, v), b)
    new = expect_array(value, f"{name}_new from {STEP}", shape=shape, shape_note=note)
    expect_finite(new, f"{name}_new from {STEP}", "for ordinary inputs of size about 1")
    rtol, atol = 1e-6, 1e-8
    implied = (old - new) / lr  # the gradient the step used
    causes = [
        (N * numeric, f"It is N = {N} times too large: the loss is a mean, so divide by N"),
        (-numeric, f"The step went uphill: {name}_new = {name} - lr * grad, not + lr * grad"),
        (numeric / N, f"It is N = {N} times too small: divided by N twice"),
    ]
    if name == "b":
        causes[2] = (
            numeric / N,
            f"It is N = {N} times too small: (P - Y) / N already holds the 1/N, so grad_b is "
            f"its SUM over the rows; a mean over the rows divides by N twice",
        )
    hint = (
        "grad_W = X.T @ (softmax(X @ W + b) - onehot(y)) / N and grad_b = the sum over the "
        "rows of (softmax - onehot) / N; then W_new = W - lr * grad_W, b_new = b - lr * grad_b"
    )
    for candidate, cause in causes:
        if np.allclose(implied, candidate, rtol=rtol, atol=atol):
            hint = cause
            break
    assert_close(
        implied,
        numeric,
        rtol,
        atol,
        f"({name} - {name}_new) / lr from {STEP}, against central differences of the loss",
        hint,
    )


def test_numpy_sgd_step_moves_w_by_minus_lr_times_the_loss_gradient(student):
    _implied_gradient_check(student, "W")


def test_numpy_sgd_step_moves_b_by_minus_lr_times_the_loss_gradient(student):
    _implied_gradient_check(student, "b")


def test_numpy_sgd_step_leaves_its_inputs_unchanged(student):
    X, y, W, b, lr = _ordinary_step_inputs()
    _, after = student.call_seeing_inputs("numpy_sgd_step", X, y, W, b, lr)
    for name, before, now in zip(("X", "y", "W", "b"), (X, y, W, b), after[:4], strict=True):
        same = isinstance(now, np.ndarray) and now.shape == before.shape
        if not (same and now.tobytes() == before.tobytes()):
            _fail(
                f"{STEP} changed its `{name}` argument in place; return new arrays and leave the "
                f"caller's as they were: W_new = W - lr * grad_W, not W -= lr * grad_W"
            )


def test_numpy_sgd_step_loss_is_the_mean_cross_entropy_at_the_input_weights(student):
    X, y, W, b, lr = _ordinary_step_inputs()
    N = len(y)
    expected = _softmax_regression_loss(X, y, W, b)  # log-sum-exp in float64
    _, _, loss_value = _split_triple(student.numpy_sgd_step(X, y, W, b, lr))
    loss = expect_scalar(loss_value, f"the loss from {STEP}")
    W_after, b_after = _softmax_regression_step(X, y, W, b, lr)
    hint = "The loss is the mean over the rows of logsumexp(z) - z_label, at the input W and b"
    if np.isclose(loss, _softmax_regression_loss(X, y, W_after, b_after), rtol=1e-9):
        hint = (
            "This is the loss after the step: return the loss at the input W and b, the one "
            "the gradient was taken of"
        )
    elif np.isclose(loss, N * expected, rtol=1e-9):
        hint = f"It is N = {N} times too large: the loss is the MEAN over the rows, not the sum"
    elif np.isclose(loss, -expected, rtol=1e-9):
        hint = "The sign is flipped: the loss is -log p_label, a positive number"
    assert_close(loss, expected, RTOL, 0.0, f"the loss from {STEP} at ordinary logits", hint)


def _large_logit_inputs() -> tuple:
    """Logits X @ W + b in the hundreds to thousands, every label on its row's least likely
    class: exp of the largest logit overflows, and p_label underflows to 0."""
    rng = np.random.default_rng(9)
    X = rng.normal(size=(5, 3))  # (N, D)
    W = 400.0 * rng.normal(size=(3, 4))  # (D, C)
    b = np.array([0.0, 1.0, -1.0, 2.0])  # (C,)
    z = X @ W + b  # (N, C)
    y = z.argmin(axis=1)  # (N,)
    assert np.abs(z).max() > 750.0  # the set-up: exp of the largest logit overflows
    return X, y, W, b, 0.1, float(np.abs(z).max())


def test_numpy_sgd_step_loss_exact_at_logits_near_1e3(student):
    X, y, W, b, lr, largest = _large_logit_inputs()
    # Oracle: log-sum-exp in float64 (exact to rounding).
    expected_loss = _softmax_regression_loss(X, y, W, b)
    W_expected, b_expected = _softmax_regression_step(X, y, W, b, lr)
    _, _, loss_value = _split_triple(student.numpy_sgd_step(X, y, W, b, lr))
    loss = expect_scalar(loss_value, f"the loss from {STEP}")
    where = f"the loss from {STEP} for logits X @ W + b of size up to {largest:.0f}"
    expect_finite(
        loss,
        where,
        "exp of a logit above ~710 overflows to inf: subtract each row's max before exp "
        "(softmax is shift-invariant) and take the loss as logsumexp(z) - z_label",
    )
    hint = "The loss is the mean over the rows of logsumexp(z) - z_label, at the input W and b"
    if 5.0 < loss < 100.0 < expected_loss:
        hint = (
            "The loss is capped: -log(p + eps) cannot exceed -log(eps). p underflows to 0 "
            "here; compute log p_label = z_label - logsumexp(z) instead"
        )
    elif np.isclose(loss, _softmax_regression_loss(X, y, W_expected, b_expected), rtol=1e-9):
        hint = "This is the loss after the step: return the loss at the input W and b"
    assert_close(loss, expected_loss, RTOL, 0.0, where, hint)


def test_numpy_sgd_step_update_finite_and_exact_at_logits_near_1e3(student):
    X, y, W, b, lr, largest = _large_logit_inputs()
    # Oracle: the max-shifted step in float64.
    W_expected, b_expected = _softmax_regression_step(X, y, W, b, lr)
    W_value, b_value, _ = _split_triple(student.numpy_sgd_step(X, y, W, b, lr))
    where = f"from {STEP} for logits up to {largest:.0f}"
    for name, value, expected in (("W_new", W_value, W_expected), ("b_new", b_value, b_expected)):
        got = expect_array(value, f"{name} {where}", shape=expected.shape)
        expect_finite(
            got,
            f"{name} {where}",
            "exp overflowed in the softmax of the gradient: subtract each row's max before exp "
            "there too (softmax is shift-invariant), not only in the loss",
        )
        assert_close(
            got,
            expected,
            RTOL,
            1e-9,
            f"{name} {where}",
            "softmax with the max-shift: p is 1 at each row's largest logit and ~0 elsewhere",
        )


# ---- train_accumulated (optional follow-up) --------------------------------------------------


def _replay_accumulated(initial, batches, accum, lr, **bug) -> list[np.ndarray]:
    """Gradient accumulation written with one of its bugs (for the message only)."""
    params = [t.clone().requires_grad_(True) for t in initial]
    opt = _Optimizer(params, lr, "AdamW" if bug.get("adamw") else "SGD")
    for i, (xb, yb) in enumerate(batches):
        if bug.get("zero_each"):
            opt.zero_grad()
        loss = F.cross_entropy(_mlp(params, xb), yb)
        if not bug.get("no_divide"):
            loss = loss / accum
        loss.backward()
        if bug.get("step_each") or (i + 1) % accum == 0:
            opt.step()
            if not bug.get("no_zero"):
                opt.zero_grad()
    return [p.detach().numpy().copy() for p in params]


ACCUM_BUGS = [
    (
        {"no_divide": True},
        "The steps are accum_steps times too large: divide each micro-batch's loss by "
        "accum_steps, so the summed gradients are the big batch's mean",
    ),
    ({"step_each": True}, "The optimizer stepped after every micro-batch, not every accum_steps"),
    (
        {"zero_each": True},
        "zero_grad() ran before every micro-batch, so each step used only the last micro-batch",
    ),
    (
        {"no_zero": True},
        "zero_grad() never ran after a step, so each big step also re-applied the earlier ones' "
        "gradients",
    ),
    ({"adamw": True}, "That is AdamW: this follow-up uses torch.optim.SGD(params, lr=lr)"),
]


def _accumulated_run(student, seed: int) -> tuple:
    """The student's `train_accumulated` on 6 micro-batches of M = 3, accum_steps = 3, lr = 0.5:
    two big steps. Returns (initial, micro-batches, final, where)."""
    sizes = (5, 7, 3)  # (D, H, C)
    accum, lr = 3, 0.5
    batches = _batches(seed, sizes, n=18, m=3)  # 6 micro-batches of M = 3: 2 big steps
    got = student.probe(
        probe_train_accumulated,
        for_function="train_accumulated",
        seed=seed,
        sizes=sizes,
        batches=batches,
        accum_steps=accum,
        lr=lr,
    )
    shapes = [(7, 5), (7,), (3, 7), (3,)]  # (H, D), (H,), (C, H), (C,)
    before = _parameters(got["initial"], shapes, "as the grader built it, before the call,")
    initial = [torch.from_numpy(a.copy()) for a in before]
    where = f"{ACCUM} with 6 micro-batches of 3 examples, accum_steps={accum}, lr={lr}"
    final = _parameters(got["final"], shapes, f"after {where}")
    tensors = [(torch.from_numpy(x.copy()), torch.from_numpy(y.copy())) for x, y in batches]
    return initial, tensors, final, where


def _big_batch_steps(initial, tensors, accum: int, lr: float) -> list[np.ndarray]:
    """Oracle: plain SGD on each big batch (accum micro-batches concatenated), mean over its rows."""
    params = [t.clone().requires_grad_(True) for t in initial]
    opt = _Optimizer(params, lr, "SGD")
    for start in range(0, len(tensors), accum):
        group = tensors[start : start + accum]
        xb = torch.cat([x for x, _ in group])  # (accum * M, D)
        yb = torch.cat([y for _, y in group])  # (accum * M,)
        opt.zero_grad()
        F.cross_entropy(_mlp(params, xb), yb).backward()
        opt.step()
    return [p.detach().numpy() for p in params]


def _same_parameters(got: list, want: list) -> bool:
    return all(np.allclose(g, w, rtol=RTOL, atol=ATOL) for g, w in zip(got, want, strict=True))


def test_accumulated_micro_batches_equal_one_big_batch_step(student):
    initial, tensors, final, where = _accumulated_run(student, seed=10)
    expected = _big_batch_steps(initial, tensors, 3, 0.5)
    hint = (
        "For each micro-batch: loss = CrossEntropyLoss()(model(xb), yb) / accum_steps, then "
        "backward(); after every accum_steps micro-batches: step() and zero_grad()"
    )
    if not _same_parameters(final, expected):
        for bug, cause in ACCUM_BUGS:
            if _same_parameters(final, _replay_accumulated(initial, tensors, 3, 0.5, **bug)):
                hint = cause
                break
    for name, g, e in zip(PARAM_NAMES, final, expected, strict=True):
        assert_close(g, e, RTOL, ATOL, f"`{name}` after {where}", hint)


def test_accumulated_loss_is_divided_by_accum_steps(student):
    initial, tensors, final, where = _accumulated_run(student, seed=16)
    # Pass when the parameters match accumulation with the division, whatever else it gets
    # wrong, and would not match the same accumulation without it. Up to 16 replays, each
    # 6 micro-batches of 3: computed lazily, the right one first.
    others = ["step_each", "zero_each", "no_zero", "adamw"]  # the other ACCUM_BUGS
    combos = sorted(itertools.product((False, True), repeat=len(others)), key=sum)
    right = None
    for combo in combos:
        bug = dict(zip(others, combo, strict=True))
        if _same_parameters(final, _replay_accumulated(initial, tensors, 3, 0.5, **bug)):
            right = bug
            break
    gotcha = (
        "Divide each micro-batch's loss by accum_steps before backward(): the accum_steps "
        "gradients add up in .grad, and their sum must be the big batch's MEAN gradient"
    )
    if right is not None:
        twin = _replay_accumulated(initial, tensors, 3, 0.5, **right, no_divide=True)
        if not _same_parameters(final, twin):
            return
    expected = _big_batch_steps(initial, tensors, 3, 0.5)
    hint = f"These parameters do not show the division by accum_steps. {gotcha}"
    if _same_parameters(final, _replay_accumulated(initial, tensors, 3, 0.5, no_divide=True)):
        hint = f"The steps are accum_steps = 3 times too large. {gotcha}"
    for name, g, e in zip(PARAM_NAMES, final, expected, strict=True):
        assert_close(g, e, RTOL, ATOL, f"`{name}` after {where}", hint)
    _fail(f"after {where} the parameters do not show the division by accum_steps. {gotcha}")
