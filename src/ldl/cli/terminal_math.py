"""Maths that reads well in a terminal: the LaTeX in exercise statements, turned into Unicode.

    >>> latex_to_unicode(r"\\hat m_t = \\frac{m_t}{1 - \\beta_1^t}")
    'm̂ₜ = mₜ/(1 - β₁ᵗ)'

A terminal cannot typeset maths, but most of what statements use has a Unicode form: Greek letters,
operators, sub- and superscripts, accents. `latex_to_unicode` is a small recursive reader of LaTeX
(commands, `{groups}`, `^` and `_`) that writes those forms, and falls back to something still
readable where Unicode has none (`x_{max}` becomes `x_(max)`; an unknown `\\foo` becomes `foo`).
`markdown_for_terminal` applies it to the `$...$` and `$$...$$` spans of a Markdown text, leaving
code alone, so Rich's Markdown renderer can draw the rest.
"""

from __future__ import annotations

import re

SYMBOLS = {
    # Greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # operators and relations
    "sum": "Σ", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "cdot": "·", "times": "×",
    "odot": "⊙", "otimes": "⊗", "pm": "±", "in": "∈", "notin": "∉", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~", "propto": "∝",
    "equiv": "≡", "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
    "Rightarrow": "⇒", "Longrightarrow": "⟹", "iff": "⟺", "mapsto": "↦", "forall": "∀",
    "exists": "∃", "mid": "|", "top": "ᵀ", "dots": "…", "ldots": "…", "cdots": "⋯",
    "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩", "circ": "∘", "star": "⋆",
    # spacing and sizing (LaTeX layout that a line of text does not need)
    "qquad": "    ", "quad": "  ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
    "left": "", "right": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "", "big": "", "Big": "",
    "textstyle": "", "displaystyle": "", "limits": "",
    # escaped characters
    "{": "{", "}": "}", "%": "%", "$": "$", "#": "#", "&": "&", "_": "_", "\\": "\n",
}  # fmt: skip
WORDS = {"log", "exp", "max", "min", "argmax", "argmin", "sin", "cos", "tanh", "det", "diag", "softmax"}
TEXT = {"text", "mathrm", "operatorname", "texttt", "mathbf", "boldsymbol", "mathit", "mathsf", "mathrel"}
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304", "tilde": "\u0303",
           "vec": "\u20d7", "dot": "\u0307"}  # fmt: skip
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
FRACTIONS = {"frac", "tfrac", "dfrac"}

SUPERSCRIPT = dict(
    zip(
        "0123456789+-=()nitTkabcdefghjlmoprsuvwxyzABDEGHIJKLMNOPRUVWβγδθφχ′",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵗᵀᵏᵃᵇᶜᵈᵉᶠᵍʰʲˡᵐᵒᵖʳˢᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂᵝᵞᵟᶿᵠᵡ′",
        strict=True,
    )
)
SUBSCRIPT = dict(
    zip("0123456789+-=()aehijklmnoprstuvxβγρφχ,", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ,", strict=True)
)
SUPERSCRIPT.update({"ᵀ": "ᵀ", "*": "*", "−": "⁻"})


def latex_to_unicode(tex: str) -> str:
    """The LaTeX maths `tex` written with Unicode characters (see the module docstring)."""
    text, _ = _sequence(tex, 0, closing=False)
    return re.sub(r"[ \t]{2,}(?=\S)", lambda m: m.group(0) if len(m.group(0)) >= 4 else " ", text).strip()


def _sequence(tex: str, i: int, closing: bool) -> tuple[str, int]:
    """Read tokens from `i` until the end (or the `}` that closes the group); return the text."""
    out: list[str] = []
    while i < len(tex):
        char = tex[i]
        if char == "}" and closing:
            return "".join(out), i + 1
        if char in "^_":
            argument, i = _argument(tex, i + 1)
            out.append(_script(argument, SUPERSCRIPT if char == "^" else SUBSCRIPT, char))
        elif char == "{":
            group, i = _sequence(tex, i + 1, closing=True)
            out.append(group)
        elif char == "\\":
            text, i = _command(tex, i)
            out.append(text)
        else:
            out.append("" if char == "}" else char)
            i += 1
    return "".join(out), i


def _argument(tex: str, i: int) -> tuple[str, int]:
    """One argument: a `{group}`, a command, or a single character (spaces before it skipped)."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] == "{":
        return _sequence(tex, i + 1, closing=True)
    if tex[i] == "\\":
        return _command(tex, i)
    return tex[i], i + 1


def _command(tex: str, i: int) -> tuple[str, int]:
    """The command starting at the backslash at `i`, with its arguments."""
    match = re.match(r"\\([A-Za-z]+|.)", tex[i:])
    if match is None:  # a lone backslash at the very end
        return "", i + 1
    name, i = match.group(1), i + match.end()
    if name in FRACTIONS:
        numerator, i = _argument(tex, i)
        denominator, i = _argument(tex, i)
        return f"{_grouped(numerator)}/{_grouped(denominator)}", i
    if name == "sqrt":
        if tex[i : i + 1] == "[":  # \sqrt[n]{x}: the n-th root
            end = tex.index("]", i)
            degree, i = _script(tex[i + 1 : end], SUPERSCRIPT, "^"), end + 1
        else:
            degree = ""
        radicand, i = _argument(tex, i)
        return f"{degree}√{_grouped(radicand)}", i
    if name in ACCENTS:
        base, i = _argument(tex, i)
        return (base[:1] + ACCENTS[name] + base[1:]) if len(base) == 1 else f"{base}{ACCENTS[name]}", i
    if name == "mathbb":
        letter, i = _argument(tex, i)
        return BLACKBOARD.get(letter, letter), i
    if name in TEXT:
        if name == "text" and tex[i : i + 1] == "{":  # text keeps its spaces and its characters
            end = _closing_brace(tex, i)
            return re.sub(r"\\(.)", r"\1", tex[i + 1 : end]), end + 1
        return _argument(tex, i)
    if name in SYMBOLS:
        return SYMBOLS[name], i
    return name, i  # \log, \max, ... and anything unknown: the name itself stays readable


def _closing_brace(tex: str, i: int) -> int:
    depth = 0
    for j in range(i, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[j], 0)
        if depth == 0:
            return j
    return len(tex)


def _script(text: str, table: dict[str, str], mark: str) -> str:
    """`text` as a super- or subscript: Unicode when every character has one, else `^(text)`."""
    text = text.strip()
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def _grouped(text: str) -> str:
    """`text` in parentheses when it is more than one term (so that `a/b` stays unambiguous)."""
    text = text.strip()
    if re.search(r"[+\-−=/,·×<>]", text):
        return f"({text})"
    return re.sub(r"\s+", "", text) if len(text) <= 12 else f"({text})"


# ---- Markdown ----------------------------------------------------------------------------------

CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE = re.compile(r"(?<![\\$])\$(?=\S)((?:[^$\n]|\n(?!\s*\n))+?)\$(?!\d)")
MARKDOWN_SPECIAL = re.compile(r"([*_`\[\]<>\\])")


def markdown_for_terminal(markdown: str) -> str:
    """`markdown` with every `$$display$$` and `$inline$` maths span written in Unicode; code
    spans and fenced blocks are left exactly as they are."""
    parts = CODE.split(markdown)
    for index in range(0, len(parts), 2):  # even parts are prose, odd parts are code
        parts[index] = INLINE.sub(_inline, DISPLAY.sub(_display, parts[index]))
    return "".join(parts)


def _display(match: re.Match) -> str:
    lines = [line.strip() for line in latex_to_unicode(match.group(1)).splitlines() if line.strip()]
    return "\n\n```text\n" + "\n".join(lines) + "\n```\n\n"


def _inline(match: re.Match) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", latex_to_unicode(match.group(1)))
