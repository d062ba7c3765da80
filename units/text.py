"""Vietnamese text: normal form, accent-free search keys and the Vietnamese sort order of names.

PostgreSQL has ICU's ``vi-x-icu`` collation but SQLite has none, so names carry two derived columns computed here:
a search key (no marks, đ → d) and a sort key that orders by given name, then middle names, then family name, in
Vietnamese letter order (a ă â b c d đ e ê …), with tones compared only when the letters are equal
(no mark, huyền, hỏi, ngã, sắc, nặng: CLDR's Vietnamese order). See vietnamese-conventions.md.
"""

import re
import unicodedata

# Characters that are invisible but change a string: zero-width space/joiners, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Icelandic eth, typed for Đ/đ by some keyboards and fonts: it looks the same and must compare the same.
_LOOKALIKES = {ord("\u00d0"): "\u0110", ord("\u00f0"): "\u0111"}
_SPACES = re.compile(r"\s+")

# Combining tone marks, in Vietnamese tone order (1 = huyền … 5 = nặng).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# Every letter becomes two digits (10…), digits sort the same under any database collation.
_LETTER_CODES = {letter: f"{index + 10:02d}" for index, letter in enumerate(_ALPHABET)}
_DIGIT_CODES = {str(d): f"{d + 1:02d}" for d in range(10)}  # digits before letters
_PART_END = "00"


def clean(value: str) -> str:
    """NFC, without invisible characters, with single spaces and no surrounding blanks."""
    value = unicodedata.normalize("NFC", value or "").translate(_INVISIBLE).translate(_LOOKALIKES)
    return _SPACES.sub(" ", value).strip()


def clean_lines(value: str) -> str:
    """``clean`` for text of several lines (targets, findings): each line cleaned, the line breaks kept, blank
    lines at either end dropped."""
    lines = [clean(line) for line in unicodedata.normalize("NFC", value or "").splitlines()]
    return "\n".join(lines).strip("\n")


def _split_letter(char: str) -> tuple[str, int]:
    """A precomposed character → (its Vietnamese base letter, its tone 0–5)."""
    if char in "đĐ":
        return "đ", 0
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, tone, letter_marks = decomposed[0], 0, ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            letter_marks += mark
    letter = unicodedata.normalize("NFC", base + letter_marks)
    return letter, tone


def search_key(value: str) -> str:
    """Lower case without any marks and đ → d: "Nguyễn Văn An" → "nguyen van an"."""
    value = clean(value).lower().replace("đ", "d")
    stripped = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    return stripped


def _part_key(part: str) -> tuple[str, str]:
    primary, tones = [], []
    for char in part:
        letter, tone = _split_letter(char)
        code = _LETTER_CODES.get(letter) or _DIGIT_CODES.get(letter)
        if code is None:
            continue  # punctuation does not take part in the order
        primary.append(code)
        tones.append(str(tone))
    return "".join(primary) + _PART_END, "".join(tones)


def name_sort_key(full_name: str) -> str:
    """A string of digits that sorts names in Vietnamese roster order.

    "Nguyễn Thị Bích Ngọc" is ordered by "Ngọc", then "Thị Bích", then "Nguyễn".
    """
    parts = clean(full_name).split(" ")
    if not parts or parts == [""]:
        return ""
    ordered = [parts[-1], *parts[1:-1], parts[0]] if len(parts) > 1 else parts
    keys = [_part_key(part) for part in ordered]
    primary = "".join(key for key, _ in keys)
    tones = "".join(tone for _, tone in keys)
    return primary + _PART_END + tones


def text_sort_key(value: str) -> str:
    """The same order for a plain string (a unit name, a title), read left to right."""
    words = clean(value).split(" ")
    keys = [_part_key(word) for word in words if word]
    return "".join(k for k, _ in keys) + _PART_END + "".join(t for _, t in keys)


def _name_word(word: str) -> str:
    """Capitalise a word typed all in upper or all in lower case, each part after ' or - too ("H'BIA" → "H'Bia");
    a word already in mixed case is left as typed."""
    if not (word.isupper() or word.islower()):
        return word
    return re.sub(r"[^'\-]+", lambda part: part.group(0)[:1].upper() + part.group(0)[1:].lower(), word)


def person_name(value: str) -> str:
    """A name as the roster writes it: "NGUYỄN  văn an" → "Nguyễn Văn An" (NFC, single spaces, each word
    capitalised)."""
    return " ".join(_name_word(word) for word in clean(value).split(" ") if word)


# Positions of a head or deputy head (plan II.2.9 counts awards to leaders apart from those working directly):
# "Viện trưởng", "Phó Viện trưởng", "Trưởng phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra", "Tổ trưởng"…
_LEADING = re.compile(r"\b(viện trưởng|trưởng phòng|phó trưởng phòng|chánh|phó chánh|trưởng|phó trưởng)\b")


def is_leading_position(position: str) -> bool:
    """Whether a position names a head or deputy head ("Phó Trưởng phòng" yes, "Kiểm sát viên" no)."""
    return bool(_LEADING.search(clean(position).lower()))
