"""Instructor-only suites (grading.yml ``hidden_suite``): run by ``grade --hidden`` and
``grade-all``, never copied into the student template by ``publish``."""
