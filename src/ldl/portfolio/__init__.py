"""The learner's portfolio: a static website of their progress, capstones, chosen labs and runs.

    selection.py   what to publish (<workspace>/portfolio.yaml)
    notebook.py    a notebook or README as HTML: nbconvert from saved outputs, maths as MathML
    sanitise.py    the allow-list every piece of learner HTML goes through, and the CSP
    figures.py     the progress figure (SVG) and learning curves
    pages.py       the HTML of each page
    site.py        `ldl portfolio build`: all pages into one folder
    server.py      `ldl portfolio serve`: a preview on 127.0.0.1 with the security headers

docs/portfolio.md explains the design and how it is tested in a real browser.
"""
