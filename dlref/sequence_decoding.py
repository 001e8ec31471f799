r"""Decoding and scoring sequences: beam search, the BLEU score, and CTC's collapse rule and loss.

Tokens are plain Python values (ints or strings) in lists; probabilities are NumPy arrays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from dlref._validation import as_float_array, check_count, check_nonnegative

__all__ = ["beam_search", "bleu_score", "ctc_collapse", "ctc_loss", "modified_precision"]


def beam_search(
    next_log_probs: Callable[[tuple[int, ...]], ArrayLike], beam_width: int, max_length: int, end_token: int, alpha: float = 0.7
) -> tuple[tuple[int, ...], float]:
    r"""Beam search with length normalization: keep the ``beam_width`` best prefixes at every step.

    Parameters
    ----------
    next_log_probs : callable
        ``next_log_probs(prefix) -> ndarray of shape (vocab_size,)``: the model's
        $\log P(y^{\langle t \rangle} \mid x, y^{\langle 1 \rangle}, \dots, y^{\langle t-1 \rangle})$
        for every token, given the prefix (a tuple of token ids, empty at the first step).
    beam_width : int
        $B$; 1 is greedy search.
    max_length : int
        Longest output, $T_y$, counting the end token.
    end_token : int
        The token that ends a sentence; a hypothesis that emits it is finished.
    alpha : float, default 0.7
        Length-normalization exponent: 0 ranks by total log-probability (favouring short
        outputs), 1 by the average per token.

    Returns
    -------
    best : tuple of int
        The output with the highest normalized score, ending with `end_token` if it finished.
    score : float
        Its score $\frac{1}{T_y^{\alpha}} \sum_t \log P(\cdot)$.

    Raises
    ------
    ValueError
        If `beam_width` or `max_length` is not a positive integer or `alpha` is negative.

    Notes
    -----
    Every step extends each of the $B$ kept prefixes by every token and keeps the $B$ extensions
    with the largest $\sum_t \log P$; finished hypotheses are set aside. Among all finished ones
    (and the unfinished ones at $T_y$) the result maximizes

    $$\frac{1}{T_y^{\alpha}} \sum_{t=1}^{T_y} \log P\bigl(y^{\langle t \rangle} \mid x, y^{\langle 1 \rangle}, \dots, y^{\langle t-1 \rangle}\bigr)$$

    Examples
    --------
    >>> table = {(): [0.0, -0.1, -5.0], (1,): [-0.2, -3.0, -3.0]}
    >>> best, score = beam_search(lambda prefix: np.array(table.get(prefix, [0.0, -9.0, -9.0])), 2, 3, end_token=0)
    >>> best, round(score, 4)
    ((0,), 0.0)
    """
    beam_width, max_length = check_count("beam_width", beam_width, minimum=1), check_count("max_length", max_length, minimum=1)
    alpha = check_nonnegative("alpha", alpha)
    end_token = check_count("end_token", end_token)
    if not callable(next_log_probs):
        raise ValueError(f"next_log_probs must be a function from a prefix to log-probabilities; got {next_log_probs!r}.")
    next_log_probs = _checked_model(next_log_probs)
    # --8<-- [start:beam_search]
    beams, finished = [((), 0.0)], []  # (prefix, sum of log-probabilities)
    for _ in range(max_length):
        candidates = []
        for prefix, total in beams:
            log_p = np.asarray(next_log_probs(prefix), dtype=np.float64)
            candidates += [(prefix + (token,), total + log_p[token]) for token in range(log_p.size)]
        candidates.sort(key=lambda c: c[1], reverse=True)
        beams = []
        for prefix, total in candidates[:beam_width]:  # the B most likely extensions
            (finished if prefix[-1] == end_token else beams).append((prefix, total))
        if not beams:
            break
    normalized = [(prefix, total / len(prefix) ** alpha) for prefix, total in finished + beams]
    best, score = max(normalized, key=lambda c: c[1])
    # --8<-- [end:beam_search]
    return best, float(score)


def modified_precision(candidate: Sequence[Hashable], references: Sequence[Sequence[Hashable]], n: int) -> float:
    r"""The modified $n$-gram precision: each $n$-gram counted at most as often as in any one reference.

    Parameters
    ----------
    candidate : sequence of tokens
        The machine translation, as a list of words.
    references : sequence of sequences of tokens
        One or more human translations.
    n : int
        The $n$-gram order.

    Returns
    -------
    p_n : float
        In $[0, 1]$; 0 for a candidate shorter than $n$.

    Raises
    ------
    ValueError
        If `n` is not a positive integer or there is no reference.

    Notes
    -----
    $$p_n = \frac{\sum_{g \in \text{n-grams}(\hat y)} \min\bigl(\mathrm{count}_{\hat y}(g),\ \max_r \mathrm{count}_r(g)\bigr)}
    {\sum_{g \in \text{n-grams}(\hat y)} \mathrm{count}_{\hat y}(g)}$$

    Examples
    --------
    >>> refs = ["the cat is on the mat".split(), "there is a cat on the mat".split()]
    >>> modified_precision("the the the the the the the".split(), refs, 1)
    0.2857142857142857
    """
    n = check_count("n", n, minimum=1)
    candidate = _tokens("candidate", candidate)
    if not references:
        raise ValueError("references must hold at least one reference translation.")
    # --8<-- [start:modified_precision]
    def ngrams(tokens):
        return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    counts = ngrams(list(candidate))
    max_ref = Counter()
    for reference in references:
        max_ref |= ngrams(list(reference))  # | keeps the larger count of each n-gram
    clipped = sum(min(c, max_ref[g]) for g, c in counts.items())
    p_n = clipped / sum(counts.values()) if counts else 0.0
    # --8<-- [end:modified_precision]
    return p_n


def bleu_score(candidate: Sequence[Hashable], references: Sequence[Sequence[Hashable]], max_n: int = 4) -> float:
    r"""The BLEU score of one translation: the geometric mean of $p_1, \dots, p_N$ times a brevity penalty.

    Parameters
    ----------
    candidate : sequence of tokens
    references : sequence of sequences of tokens
    max_n : int, default 4
        $N$; the precisions $p_1, \dots, p_N$ are weighted equally.

    Returns
    -------
    bleu : float
        In $[0, 1]$; 0 if some $p_n$ is 0 (no smoothing, as in the paper).

    Raises
    ------
    ValueError
        As `modified_precision`, or for an empty candidate.

    Notes
    -----
    With $c$ the candidate's length and $r$ the length of the reference closest to it (the
    shorter one on a tie),

    $$\mathrm{BP} = \begin{cases} 1 & c > r \\ e^{1 - r/c} & c \le r \end{cases}, \qquad
    \mathrm{BLEU} = \mathrm{BP} \cdot \exp\Bigl(\frac{1}{N} \sum_{n=1}^{N} \log p_n\Bigr)$$

    Examples
    --------
    >>> round(bleu_score("the cat is on the mat".split(), ["the cat is on the mat".split()]), 4)
    1.0
    """
    max_n = check_count("max_n", max_n, minimum=1)
    if len(_tokens("candidate", candidate)) == 0:
        raise ValueError("candidate is empty: BLEU needs at least one token.")
    # --8<-- [start:bleu_score]
    p = [modified_precision(candidate, references, n) for n in range(1, max_n + 1)]
    if min(p) == 0:
        return 0.0
    c = len(candidate)
    r = min((len(ref) for ref in references), key=lambda length: (abs(length - c), length))
    bp = 1.0 if c > r else np.exp(1 - r / c)  # brevity penalty
    bleu = bp * np.exp(np.mean(np.log(p)))  # geometric mean of p_1..p_N
    # --8<-- [end:bleu_score]
    return float(bleu)


def ctc_collapse(tokens: Sequence[Hashable], blank: Hashable = "_") -> list:
    r"""CTC's collapse rule: merge repeated tokens that are not separated by a blank, then drop the blanks.

    Parameters
    ----------
    tokens : sequence
        One output per input frame, for example the characters of ``"ttt_h_eee"``.
    blank : hashable, default "_"
        The blank token.

    Returns
    -------
    collapsed : list

    Notes
    -----
    $$\mathcal{B}(\pi) = \text{remove blanks}\bigl(\text{merge runs}(\pi)\bigr)$$

    Examples
    --------
    >>> "".join(ctc_collapse("ttt_h_eee___ ___qqq"))
    'the q'
    >>> "".join(ctc_collapse("aa_a"))
    'aa'
    """
    tokens = _tokens("tokens", tokens)
    # --8<-- [start:ctc_collapse]
    merged = [tok for i, tok in enumerate(tokens) if i == 0 or tok != tokens[i - 1]]  # merge runs
    collapsed = [tok for tok in merged if tok != blank]  # then drop the blanks
    # --8<-- [end:ctc_collapse]
    return collapsed


def ctc_loss(log_probs: ArrayLike, labels: Sequence[int], blank: int = 0) -> float:
    r"""The CTC loss $-\log P(\text{labels} \mid x)$, summed over every alignment by the forward recursion.

    Parameters
    ----------
    log_probs : array_like of shape (T, C)
        Log-probabilities of the $C$ tokens (blank included) at each of the $T$ frames; each row
        is a log-softmax.
    labels : sequence of int
        The target, without blanks.
    blank : int, default 0

    Returns
    -------
    loss : float
        $+\infty$ if no alignment of length $T$ collapses to `labels`.

    Raises
    ------
    ValueError
        If `log_probs` is not 2-D, a label is out of range, or a label is the blank.

    Notes
    -----
    With $l'$ the labels with a blank before, between and after them ($|l'| = 2|l| + 1$) and
    $\alpha_t(s)$ the probability of all paths through frame $t$ that end at $l'_s$:

    $$\alpha_t(s) = \bigl(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + [l'_s \ne b,\ l'_s \ne l'_{s-2}]\,\alpha_{t-1}(s-2)\bigr)\, y^t_{l'_s}$$

    $$P(l \mid x) = \alpha_T(|l'|) + \alpha_T(|l'| - 1)$$

    computed in log space.

    Examples
    --------
    >>> log_p = np.log(np.full((2, 2), 0.5))  # two frames, tokens {blank, "a"}
    >>> round(ctc_loss(log_p, [1]), 4)  # "a_", "_a", "aa": 3 of the 4 paths
    0.2877
    """
    log_probs = as_float_array("log_probs", log_probs)
    if log_probs.ndim != 2:
        raise ValueError(f"log_probs has shape {log_probs.shape}; expected (T, C): one row of log-probabilities per frame.")
    if np.any(np.isnan(log_probs)):
        raise ValueError("log_probs holds NaN; expected log-probabilities (-inf for a probability of 0).")
    T, C = log_probs.shape
    blank, labels = check_count("blank", blank), _tokens("labels", labels)
    if blank >= C:
        raise ValueError(f"blank must be a class index in [0, {C}), one of the columns of log_probs; got {blank}.")
    if any(not 0 <= l < C or l == blank for l in labels):
        raise ValueError(f"labels must lie in [0, {C}) and exclude the blank {blank}; got {list(labels)}.")
    # --8<-- [start:ctc_loss]
    ext = [blank] + [tok for l in labels for tok in (l, blank)]  # l' = _ l1 _ l2 _ ... _
    S = len(ext)
    alpha = np.full(S, -np.inf)
    alpha[0] = log_probs[0, ext[0]]
    if S > 1:
        alpha[1] = log_probs[0, ext[1]]
    for t in range(1, T):
        prev = alpha.copy()
        for s in range(S):
            terms = [prev[s]] + ([prev[s - 1]] if s >= 1 else [])
            if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                terms.append(prev[s - 2])  # skip the blank between two different labels
            alpha[s] = np.logaddexp.reduce(terms) + log_probs[t, ext[s]]
    log_p = np.logaddexp(alpha[-1], alpha[-2]) if S > 1 else alpha[-1]  # end on the last label or blank
    # --8<-- [end:ctc_loss]
    return float(-log_p)


def _tokens(name: str, tokens: object) -> Sequence:
    if not isinstance(tokens, Sequence):
        raise ValueError(f"{name} must be a sequence of tokens (a list, a tuple or a str); got {type(tokens).__name__}.")
    return tokens


def _checked_model(next_log_probs: Callable[[tuple[int, ...]], ArrayLike]) -> Callable[[tuple[int, ...]], np.ndarray]:
    """`next_log_probs`, refusing what it returns unless it is a 1-D array without NaN (a NaN would sort anywhere)."""

    def checked(prefix: tuple[int, ...]) -> np.ndarray:
        log_p = as_float_array(f"next_log_probs{prefix}", next_log_probs(prefix))
        if log_p.ndim != 1 or np.any(np.isnan(log_p)):
            raise ValueError(f"next_log_probs{prefix} returned an array of shape {log_p.shape}"
                             f"{' holding NaN' if np.any(np.isnan(log_p)) else ''}; expected one log-probability "
                             "per token, shape (vocab_size,), without NaN.")
        return log_p

    return checked
