"""What there is to learn, and the path through it. Pure data and pure functions: no I/O beyond
reading the content tree, no progress store (the CLI passes the learner's records in as plain data).

    loading.py    YAML in, validated models out; `ContentError` names the file and the field
    syllabus.py   the six stages, their units, goals and outside resources (`load_syllabus`)
    items.py      labs, exercises and review cards found in the content tree (`load_labs`, ...)
    path.py       each unit's status for a goal, and the course map (`course_map`)
    next_step.py  the single next thing to do, with its command (`next_step`)
    summary.py    `ldl status` in one value, with the activity streak
    views.py      the goals to choose from; one unit in detail
    starters.py   the files a new workspace starts with (exercise starters, capstone notebooks)
"""
