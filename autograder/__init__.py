"""ML Coding Round's grader: load a submission, run it in a worker, check, score, render.

Importing this package must stay cheap: the worker imports ``autograder.sandbox`` from it. So
``check`` below imports the grader only when it is called.
"""


def check(problem_id: str) -> None:
    """Run ``problem_id``'s tests on the functions this notebook has defined so far and print the
    score table with what went wrong: ``from autograder import check; check("p06_softmax_cross_entropy")``.

    It runs in the notebook's own process (see ``autograder.notebook``); the grade comes from
    ``python -m autograder grade``, which reads the saved notebook.
    """
    import inspect

    from autograder.notebook import check as check_namespace

    caller = inspect.currentframe().f_back
    check_namespace(problem_id, caller.f_globals)
