"""nbgrader settings for `nbgrader generate_assignment <ps> --no-db --force`.

Run it from the repository root (`python -m autograder release` does, for every set).
nbgrader only turns source/<ps>/*.ipynb into release/<ps>/*.ipynb with the solution
regions stripped; grading is done by our own engine, never by nbgrader autograde.
The default CourseDirectory paths (source/, release/, root = cwd) already fit.
"""

c = get_config()  # noqa: F821 -- nbgrader defines get_config() when it loads this file

# Copy nothing but the notebooks. generate_assignment converts source/<ps>/*.ipynb and,
# separately, copies every other file under source/<ps>/ whose name matches none of
# these globs. It never reads CourseDirectory.include (only the exchange commands do),
# so ignore is the one knob. "*" matches every name (in 0.9.6 it even matches the
# source/<ps> folder itself, so the whole walk is skipped); ".*" adds the hidden names a
# glob "*" leaves out. Instructor files such as source/<ps>/variants/*.py stay out.
c.CourseDirectory.ignore = ["*", ".*"]
