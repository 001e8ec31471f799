r"""Human-readable dates and their ISO form, the data of the course's date translator (week 3).

Each example pairs a date written the way people write it ("3 May 1979", "Thursday, 09/11/2024",
"03.05.79") with the same date in ISO form, ``"YYYY-MM-DD"``. The dates are drawn uniformly from
1970-01-01 to 2049-12-31 with an explicit `rng`, and written with the standard library only: the
month and day names are the fixed English tuples below, so no locale setting changes them, and the
year is always the calendar year (the course's generator prints babel's week-numbering year,
which is the next year on up to six days at the end of December).

The vocabularies are fixed too: the human one holds every character a format can produce, after
`string_to_int` has lowered the case and dropped the commas (as the course does), plus
``"<unk>"`` and ``"<pad>"``; the machine one holds the digits and ``"-"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from dlref._validation import check_count, check_generator

__all__ = ["load_dataset", "preprocess_data", "string_to_int"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # date.weekday() order
FIRST, LAST = dt.date(1970, 1, 1), dt.date(2049, 12, 31)  # inside strptime's two-digit-year window 1969-2068

# Each format, as a template of named fields, beside the strptime format that reads it back.
FORMATS = {
    "{d} {MMM} {yyyy}": "%d %b %Y",  # 3 May 1979
    "{d} {MMMM} {yyyy}": "%d %B %Y",  # 3 May 1979, full month names
    "{dd} {MMM} {yyyy}": "%d %b %Y",  # 03 May 1979
    "{d} {MMM}, {yyyy}": "%d %b, %Y",
    "{d} {MMMM}, {yyyy}": "%d %B, %Y",
    "{dd}, {MMM} {yyyy}": "%d, %b %Y",
    "{d} {MM} {yy}": "%d %m %y",  # 3 05 79
    "{MMMM} {d} {yyyy}": "%B %d %Y",
    "{MMMM} {d}, {yyyy}": "%B %d, %Y",
    "{mmm} {d} {yyyy}": "%b %d %Y",  # may 3 1979
    "{dd}.{MM}.{yy}": "%d.%m.%y",  # 03.05.79
    "{M}/{d}/{yy}": "%m/%d/%y",  # 5/3/79, the US short form
    "{MMM} {d}, {yyyy}": "%b %d, %Y",  # May 3, 1979, the US medium form
    "{EEEE}, {MMMM} {d}, {yyyy}": "%A, %B %d, %Y",  # Thursday, May 3, 1979, the US full form
    "{EEEE}, {MM}/{dd}/{yyyy}": "%A, %m/%d/%Y",  # Thursday, 05/03/1979
}

HUMAN_CHARACTERS = " -./0123456789abcdefghijklmnopqrstuvwxyz"
MACHINE_CHARACTERS = "-0123456789"


def _fields(date: dt.date) -> dict[str, str]:
    """Every field a template may use, from the calendar date (never the ISO week's year)."""
    month = MONTHS[date.month - 1]
    return {"d": str(date.day), "dd": f"{date.day:02d}", "M": str(date.month), "MM": f"{date.month:02d}",
            "MMM": month[:3], "mmm": month[:3].lower(), "MMMM": month, "EEEE": DAYS[date.weekday()],
            "yy": f"{date.year % 100:02d}", "yyyy": f"{date.year:04d}"}


def _vocabularies() -> tuple[dict[str, int], dict[str, int], dict[int, str]]:
    human_vocab = {c: i for i, c in enumerate([*HUMAN_CHARACTERS, "<unk>", "<pad>"])}
    machine_vocab = {c: i for i, c in enumerate(MACHINE_CHARACTERS)}
    return human_vocab, machine_vocab, {i: c for c, i in machine_vocab.items()}


def load_dataset(m: int, rng: np.random.Generator):
    r"""Draw `m` dates, each written in a format drawn from `FORMATS`, beside its ISO form.

    Parameters
    ----------
    m : int
        Number of examples, at least 1.
    rng : numpy.random.Generator
        Draws the dates (uniform over 1970-01-01 to 2049-12-31) and the formats (uniform).

    Returns
    -------
    dataset : list of tuple of str
        ``(human, machine)`` pairs, e.g. ``("Thursday, 05/03/1979", "1979-05-03")``.
    human_vocab : dict
        Character to index: the characters of ``HUMAN_CHARACTERS``, then ``"<unk>"`` and ``"<pad>"``.
    machine_vocab : dict
        Character to index: ``"-"`` and the ten digits.
    inv_machine_vocab : dict
        Index to character, the inverse of `machine_vocab`.

    Raises
    ------
    ValueError
        If `m` is not a positive integer or `rng` is not a Generator.

    Notes
    -----
    The machine string is ``date.isoformat()``; every field of the human string, the year
    included, comes from the same calendar date. The course's generator formats the year with
    babel's ``YYY``, the year of the week: in the ``en_US`` locale weeks start on Sunday and the
    week holding 1 January is the new year's first, so the days of December from the last
    Sunday on (none to six of them) are written with the next year.

    Examples
    --------
    >>> dataset, human_vocab, machine_vocab, _ = load_dataset(2, np.random.default_rng(0))
    >>> dataset
    [('January 19 2038', '2038-01-19'), ('16 December, 2020', '2020-12-16')]
    >>> len(human_vocab), len(machine_vocab)
    (42, 11)
    """
    m, rng = check_count("m", m, minimum=1), check_generator("rng", rng)
    days = rng.integers(0, (LAST - FIRST).days + 1, size=m)
    templates = list(FORMATS)
    choices = rng.integers(0, len(templates), size=m)
    dataset = []
    for offset, k in zip(days.tolist(), choices.tolist()):
        date = FIRST + dt.timedelta(days=offset)
        dataset.append((templates[k].format(**_fields(date)), date.isoformat()))
    return dataset, *_vocabularies()


def string_to_int(string: str, length: int, vocab: Mapping[str, int]) -> list[int]:
    r"""The indices of a string's characters, lower-cased, without commas, cut or padded to `length`.

    Parameters
    ----------
    string : str
        A date as a person writes it.
    length : int
        The number of indices returned, $T_x$; longer strings are cut, shorter ones padded.
    vocab : dict
        Character to index; it must hold ``"<unk>"`` (for characters it lacks) and ``"<pad>"``.

    Returns
    -------
    rep : list of int
        `length` indices.

    Raises
    ------
    ValueError
        If `string` is not a str, `length` is not a positive integer, or `vocab` lacks
        ``"<unk>"`` or ``"<pad>"``.

    Examples
    --------
    >>> vocab = {"a": 0, "1": 1, "<unk>": 2, "<pad>": 3}
    >>> string_to_int("A1, b", 6, vocab)
    [0, 1, 2, 2, 3, 3]
    """
    if not isinstance(string, str):
        raise ValueError(f"string must be a str, got {type(string).__name__}.")
    length = check_count("length", length, minimum=1)
    if not isinstance(vocab, Mapping) or "<unk>" not in vocab or "<pad>" not in vocab:
        raise ValueError("vocab must be a dict of characters to indices holding '<unk>' and '<pad>'.")
    # --8<-- [start:string_to_int]
    string = string.lower().replace(",", "")[:length]  # the course lowers the case and drops commas
    rep = [vocab.get(c, vocab["<unk>"]) for c in string]
    return rep + [vocab["<pad>"]] * (length - len(rep))  # pad to T_x
    # --8<-- [end:string_to_int]


def preprocess_data(dataset: Sequence[tuple[str, str]], human_vocab: Mapping[str, int], machine_vocab: Mapping[str, int],
                    Tx: int = 30, Ty: int = 10) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Indices and one-hot encodings of a dataset, batch first as in the course.

    Parameters
    ----------
    dataset : list of tuple of str
        ``(human, machine)`` pairs from `load_dataset`.
    human_vocab, machine_vocab : dict
        From `load_dataset`.
    Tx : int, default 30
        Length of the encoded human strings.
    Ty : int, default 10
        Length of the machine strings; every one must have exactly `Ty` characters of `machine_vocab`.

    Returns
    -------
    X : ndarray of shape (m, Tx)
    Y : ndarray of shape (m, Ty)
    Xoh : ndarray of shape (m, Tx, len(human_vocab))
        One-hot rows: ``Xoh[i, t, X[i, t]] = 1``.
    Yoh : ndarray of shape (m, Ty, len(machine_vocab))

    Raises
    ------
    ValueError
        If `dataset` is empty or not pairs of strings, a machine string is not `Ty` characters
        of `machine_vocab`, or `Tx` or `Ty` is not a positive integer.

    Examples
    --------
    >>> dataset, human_vocab, machine_vocab, _ = load_dataset(1, np.random.default_rng(0))
    >>> X, Y, Xoh, Yoh = preprocess_data(dataset, human_vocab, machine_vocab)
    >>> Xoh.shape, Yoh.shape, Y[0].tolist()
    ((1, 30, 42), (1, 10, 11), [3, 1, 4, 9, 0, 1, 2, 0, 2, 10])
    """
    Tx, Ty = check_count("Tx", Tx, minimum=1), check_count("Ty", Ty, minimum=1)
    if isinstance(dataset, (str, bytes)) or not isinstance(dataset, Sequence) or not dataset or not all(
            isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(s, str) for s in pair) for pair in dataset):
        raise ValueError("dataset must be a non-empty list of (human, machine) pairs of strings, as load_dataset returns.")
    if not isinstance(machine_vocab, Mapping) or not isinstance(human_vocab, Mapping):
        raise ValueError("human_vocab and machine_vocab must be dicts of characters to indices, as load_dataset returns.")
    for _, machine in dataset:
        if len(machine) != Ty or any(c not in machine_vocab for c in machine):
            raise ValueError(f"dataset holds the machine string {machine!r}; expected Ty = {Ty} characters of machine_vocab.")
    # --8<-- [start:preprocess_data]
    X = np.array([string_to_int(human, Tx, human_vocab) for human, _ in dataset])  # (m, Tx)
    Y = np.array([[machine_vocab[c] for c in machine] for _, machine in dataset])  # (m, Ty)
    Xoh = np.eye(len(human_vocab))[X]  # one-hot: row X[i, t] of the identity
    Yoh = np.eye(len(machine_vocab))[Y]
    # --8<-- [end:preprocess_data]
    return X, Y, Xoh, Yoh
