"""Capstones I and II: start a project, audit its frameworks, mark it against the rubric.

    rules.py     what each capstone stage asks for (sections, frameworks with reasons, seeds),
                 read from the stage's rubric.yaml and ideas.yaml
    project.py   a project on disk (capstone.yaml, the paired notebook) and `ldl capstone new`
    notebook.py  reading the notebook: sections, and whether prose carries every code cell
    audit.py     the framework audit: a static scan and an import hook in the running kernel
    results.py   the results.json a notebook writes, and how its numbers are verified
    runs.py      running the notebook on a copy (audit installed) and the rows a run decides
    check.py     `ldl capstone check`: every rubric row, from reading the files and two runs
    report.py    the rows, .ldl/check.json (read by `ldl portfolio`) and the progress record

Layer 3, beside ldl.review; it uses ldl.notebooks's runner to execute notebooks.
"""
