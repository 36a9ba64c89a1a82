"""ML Coding Round's grader: load a submission, run it in a worker, check, score, render.

Importing this package must stay cheap: the worker imports ``autograder.sandbox`` from it.
"""
