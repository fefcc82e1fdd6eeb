"""PyThaiNLP's ``newmm`` word tokenizer (with ``join_broken_num``), re-implemented for speed.

The output is identical to ``pythainlp.tokenize.word_tokenize(text, engine="newmm")`` of
PyThaiNLP 5.4 with its default dictionary: the same algorithm (TCC-constrained maximal
matching, breadth-first shortest path, graph-size cut-off, the same skip rules for words not in
the dictionary), the same dictionary file and the same regular expressions, taken from
PyThaiNLP itself at import time. What changes is only how the work is done:

* Thai Character Cluster boundaries come from one ``findall`` over the text instead of one
  ``match`` per cluster on a fresh copy of the rest of the text (quadratic on long texts);
* dictionary look-ups walk a dict-of-dicts trie inline and only produce end positions;
* :func:`tokenize` splits the text at *hard boundaries* (:func:`is_hard_boundary`), where the
  newmm state is provably fresh, and memoises the tokens of short pieces, since press releases
  repeat a lot of phrases;
* :func:`tokens_alone` gives the tokens a part of the text gets when tokenized on its own (as
  the reference does for each sentence) from the whole text's tokens, re-tokenizing only what
  lies outside its outermost hard boundaries.

``nlpo3`` (the Rust port of newmm) is not used: on the corpus it splits non-Thai runs
differently (``(26`` vs ``(``, ``26``; ``.E.`` vs ``.``, ``E``, ``.``), so its output is not
PyThaiNLP's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from heapq import heappop, heappush
from itertools import accumulate

from pythainlp.corpus import thai_words
from pythainlp.tokenize import newmm as _ref_newmm
from pythainlp.tokenize import tcc_p as _ref_tcc

__all__ = ["hard_boundaries", "is_hard_boundary", "same_tokens_alone", "tokenize", "tokenize_piece", "tokens_alone", "valid_positions"]

_MAX_GRAPH_SIZE: int = _ref_newmm._MAX_GRAPH_SIZE
_PAT_NONTHAI: re.Pattern[str] = _ref_newmm._PAT_NONTHAI
_PAT_THAI_TWOCHARS: re.Pattern[str] = _ref_newmm._PAT_THAI_TWOCHARS
# One pass over the text gives every cluster: a TCC rule, else a single character (as tcc_p.tcc).
# The rules' groups are made non-capturing so that findall returns the clusters themselves.
_PAT_TCC_OR_CHAR: re.Pattern[str] = re.compile(re.sub(r"\((?!\?)", "(?:", _ref_tcc._PAT_TCC.pattern) + "|.", re.S)
# join_broken_num (pythainlp.tokenize._utils.rejoin_formatted_num)
_DIGITS_WITH_SEPARATOR: re.Pattern[str] = re.compile(r"(\d+[\.\,:])+\d+")
_HAS_DIGIT: re.Pattern[str] = re.compile(r"\d")
_BLANK_RE: re.Pattern[str] = re.compile(r"[ \t\n]")
# A blank or newline followed by a character that is not a blank (see is_hard_boundary).
_HARD_RE: re.Pattern[str] = re.compile(r"[ \t\n](?=[^ \t])")

_END = ""  # trie key marking the end of a word (no word contains the empty string)

# Memo of the tokens of text pieces between hard boundaries; cleared when it grows too big.
_CACHE_MAX_ENTRIES = 100_000
_CACHE_MAX_PIECE = 400


class _Dictionary:
    def __init__(self) -> None:
        root: dict = {}
        # Same words as pythainlp.tokenize.word_dict_trie(): thai_words(), each stripped.
        words = {w.strip() for w in thai_words()}
        words.discard("")
        for word in words:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node[_END] = True
        self.root = root
        # Dictionary words containing whitespace ("ราว ๆ", "ฮุน เซน"), by the characters around
        # each of their blanks: (word, index of the blank) for each pair.
        spaced: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for word in words:
            for i, ch in enumerate(word):
                if ch.isspace() and 0 < i < len(word) - 1:
                    spaced.setdefault((word[i - 1], word[i + 1]), []).append((word, i))
        self.spaced = spaced
        self.cache: dict[str, tuple[int, ...]] = {}


_DICT: _Dictionary | None = None


def _dictionary() -> _Dictionary:
    global _DICT
    if _DICT is None:
        _DICT = _Dictionary()
    return _DICT


def valid_positions(text: str) -> bytearray:
    """TCC boundary flags, as ``pythainlp.tokenize.tcc_p.tcc_pos_array`` (index 0..len)."""
    arr = bytearray(len(text) + 1)
    for end in accumulate(map(len, _PAT_TCC_OR_CHAR.findall(text))):
        arr[end] = 1
    return arr


def _prefix_ends(root: dict, text: str, begin: int, n: int) -> list[int]:
    """End positions of the dictionary words starting at ``begin``, shortest first."""
    ends = []
    node = root
    i = begin
    while i < n:
        node = node.get(text[i])
        if node is None:
            break
        i += 1
        if _END in node:
            ends.append(i)
    return ends


def _bfs_path(graph: dict[int, list[int]], start: int, goal: int) -> list[int]:
    # pythainlp.tokenize.newmm._bfs_paths_graph, first path only.
    visited = {start}
    queue = deque([(start, [start])])
    while queue:
        vertex, path = queue.popleft()
        for pos in graph.get(vertex, ()):
            if pos == goal:
                return [*path, pos]
            if pos not in visited:
                visited.add(pos)
                queue.append((pos, [*path, pos]))
    raise RuntimeError("newmm: no path in the word graph")  # unreachable, as in PyThaiNLP


def _skip_end(root: dict, text: str, begin: int, valid: bytearray, n: int) -> int:
    # pythainlp.tokenize.newmm._find_skip_end
    m = _PAT_NONTHAI.match(text, begin)
    if m:
        return m.end()
    nonthai = _PAT_NONTHAI.match
    twochars = _PAT_THAI_TWOCHARS.match
    for pos in range(begin + 1, n):
        if valid[pos]:
            for end in _prefix_ends(root, text, pos, n):
                if valid[end] and not twochars(text[pos:end]):
                    return pos
            if nonthai(text, pos):
                return pos
    return n


def _onecut_ends(text: str, valid: bytearray) -> list[int]:
    """Token end positions of newmm's ``_onecut`` on ``text`` (no join_broken_num)."""
    root = _dictionary().root
    n = len(text)
    chars = list(text)  # indexing a list does not allocate a new one-character string each time
    graph: dict[int, list[int]] = {}
    graph_size = 0
    pos_list = [0]
    end_pos = 0
    out: list[int] = []
    while pos_list[0] < n:
        begin = heappop(pos_list)
        # _extend_graph
        node = root
        i = begin
        while i < n:
            node = node.get(chars[i])
            if node is None:
                break
            i += 1
            if _END in node and valid[i]:
                edges = graph.get(begin)
                if edges is None:
                    graph[begin] = [i]
                else:
                    edges.append(i)
                graph_size += 1
                if i not in pos_list:
                    heappush(pos_list, i)
                if graph_size > _MAX_GRAPH_SIZE:
                    break
        k = len(pos_list)
        if k == 1:
            goal = pos_list[0]
            if goal in graph.get(end_pos, ()):
                out.append(goal)  # the BFS finds the direct edge first
            else:
                out.extend(_bfs_path(graph, end_pos, goal)[1:])
            end_pos = goal
            graph_size = 0
            graph.clear()
        elif k == 0:
            end_pos = _skip_end(root, text, begin, valid, n)
            graph_size = 0
            graph.clear()
            out.append(end_pos)
            heappush(pos_list, end_pos)
    return out


def _rejoin_ends(text: str, ends: list[int]) -> list[int]:
    """pythainlp.tokenize._utils.rejoin_formatted_num on token end positions."""
    matches = _DIGITS_WITH_SEPARATOR.finditer(text)
    match = next(matches, None)
    if match is None:
        return ends
    out: list[int] = []
    pos = 0
    idx = 0
    n_tok = len(ends)
    while idx < n_tok and match:
        if pos >= match.start():
            joined = False
            while pos < match.end() and idx < n_tok:
                pos = ends[idx]
                idx += 1
                joined = True
            if joined:
                out.append(pos)
            match = next(matches, None)
        else:
            pos = ends[idx]
            out.append(pos)
            idx += 1
    out.extend(ends[idx:])
    return out


def tokenize_piece(text: str, valid: bytearray | None = None) -> list[int]:
    """Token end positions of ``word_tokenize(text, engine="newmm")`` for one stand-alone text.

    ``valid`` may be given when the TCC boundaries of ``text`` are already known.
    """
    if not text:
        return []
    if valid is None:
        valid = valid_positions(text)
    ends = _onecut_ends(text, valid)
    if _HAS_DIGIT.search(text):
        ends = _rejoin_ends(text, ends)
    return ends


def is_hard_boundary(text: str, x: int) -> bool:
    """Whether newmm (and join_broken_num) restart from a fresh state at position ``x``.

    That is the case at both ends of the text, and next to a blank where no dictionary word can
    span ``x``: either ``text[x - 1]`` is a space, tab or newline and ``text[x]`` is not a space
    or tab (``x`` is not inside a run of blanks, which newmm keeps as one token), or ``text[x]``
    is a space, tab or newline and ``text[x - 1]`` is not a space or tab; and the characters
    around that blank are not those around the blank of any dictionary word containing
    whitespace ("ราว ๆ", "ฮุน เซน"). Then every dictionary word, non-Thai run, skipped unknown
    run and formatted number that starts before ``x`` ends at or before ``x``: the word graph
    is empty at ``x`` and newmm commits there. TCC clusters never contain whitespace, so ``x`` is
    a cluster boundary and the clusters after it do not depend on the text before it.
    """
    n = len(text)
    if x <= 0 or x >= n:
        return x == 0 or x == n
    before, after = text[x - 1], text[x]
    if before in " \t\n" and after not in " \t":
        k = x - 1
    elif after in " \t\n" and before not in " \t":
        k = x
    else:
        return False
    if text[k] == "\n" or k == 0 or k == n - 1:
        return True
    return not _spans_spaced_word(text, k)


def _spans_spaced_word(text: str, k: int) -> bool:
    """Whether a dictionary word containing whitespace occurs in ``text`` over the blank at ``k``."""
    candidates = _dictionary().spaced.get((text[k - 1], text[k + 1]))
    if not candidates:
        return False
    return any(text.startswith(word, k - i) for word, i in candidates if k >= i)


def _ends_alone(text: str, x: int) -> bool:
    """Whether a stand-alone text ending at ``x`` clusters its end as ``text`` does.

    The TCC rules for "...ย" look ahead for a Thai consonant or ``$``; ``$`` matches at the end
    of a stand-alone text and before its final newline, where ``text`` goes on.
    """
    return x == len(text) or not (text[x - 1] == "ย" or (text[x - 1] == "\n" and x >= 2 and text[x - 2] == "ย"))


def same_tokens_alone(text: str, a: int, b: int) -> bool:
    """Whether ``word_tokenize(text[a:b])`` equals the whole text's tokens between a and b.

    True when both ends are hard boundaries (:func:`is_hard_boundary`) and the stand-alone text
    ends its last cluster where the whole text does (:func:`_ends_alone`).
    """
    return is_hard_boundary(text, a) and is_hard_boundary(text, b) and _ends_alone(text, b)


def _cut_ok(text: str, x: int) -> bool:
    return is_hard_boundary(text, x) and _ends_alone(text, x)


def tokens_alone(text: str, a: int, b: int, ends: list[int]) -> list[int]:
    """Token end positions (relative to ``a``) of ``word_tokenize(text[a:b])``.

    ``ends`` are the token ends of the whole text (:func:`tokenize`). Between hard boundaries
    the stand-alone text has the whole text's tokens, so only the parts of ``text[a:b]`` before
    its first and after its last suitable hard boundary are tokenized again (all of it when it
    has none).
    """
    # h1: where the part taken from the whole text starts (the stand-alone head before it must
    # end its clusters as the whole text does); h2: where it ends.
    h1 = a if is_hard_boundary(text, a) else next((x for x in _blank_sides(text, a + 1, b) if _cut_ok(text, x)), b)
    h2 = b if _cut_ok(text, b) else next((x for x in _blank_sides(text, h1 + 1, b, reverse=True) if is_hard_boundary(text, x)), h1)
    if h1 >= h2:
        return tokenize_piece(text[a:b])
    out = [] if h1 == a else tokenize_piece(text[a:h1])
    out += [e - a for e in ends[bisect_right(ends, h1) : bisect_left(ends, h2) + 1]]
    if h2 < b:
        out += [h2 - a + e for e in tokenize_piece(text[h2:b])]
    return out


def _blank_sides(text: str, lo: int, hi: int, reverse: bool = False):
    """Positions in [lo, hi) just before or after a space, tab or newline (candidate cuts)."""
    blanks = [m.start() for m in _BLANK_RE.finditer(text, max(lo - 1, 0), hi)]
    cands = sorted({y for k in blanks for y in (k, k + 1) if lo <= y < hi}, reverse=reverse)
    return iter(cands)


def hard_boundaries(text: str) -> list[int]:
    """Inner hard boundaries that follow a blank (see :func:`is_hard_boundary`), where
    :func:`tokenize` cuts the text into memoised pieces (each ends with its blank, so the TCC
    look-ahead at its end sees the same character wherever the piece occurs)."""
    spaced = _dictionary().spaced
    out = []
    for m in _HARD_RE.finditer(text):
        x = m.end()
        k = x - 1
        if text[k] != "\n" and k > 0 and (text[k - 1], text[x]) in spaced and _spans_spaced_word(text, k):
            continue
        out.append(x)
    return out


def tokenize(text: str) -> list[int]:
    """Token end positions of ``word_tokenize(text, engine="newmm")`` (the whole text)."""
    if not text:
        return []
    d = _dictionary()
    cache = d.cache
    valid = valid_positions(text)
    out: list[int] = []
    start = 0
    n = len(text)
    for cut in [*hard_boundaries(text), n]:
        piece = text[start:cut]
        # The last piece is not memoised: at the end of the text, TCC's look-ahead sees "$".
        if cut < n and len(piece) <= _CACHE_MAX_PIECE:
            ends = cache.get(piece)
            if ends is None:
                ends = tuple(tokenize_piece(piece, valid[start : cut + 1]))
                if len(cache) >= _CACHE_MAX_ENTRIES:
                    cache.clear()
                cache[piece] = ends
        else:
            ends = tokenize_piece(piece, valid[start : cut + 1])
        out.extend([start + e for e in ends])
        start = cut
    return out
