"""PyThaiNLP's perceptron POS tagger (``pos_tag(words, corpus="orchid_ud")``), vectorised.

The reference tags one word at a time: a dict of 14 feature strings, a Python loop over the
weights of each, then ``max`` over the 46 classes. This module gives the same tags:

* every model weight is a multiple of 0.001 (the model stores ``round(w, 3)``), so the weights
  are kept as integers (x1000) and a class score is an exact integer sum, whatever the order;
* the ten features that do not depend on earlier tags (word, suffixes, prefix, the words
  around) are one row gather each, for every token of a document at once; the word-to-row
  look-ups are memoised per distinct word;
* the greedy left-to-right dependency on the two previous tags is solved by fixed-point
  iteration: tag every token from a guess of its neighbours' tags, then re-score only the tokens
  whose previous tags changed, until nothing changes. The greedy tag sequence is the unique
  fixed point (tag *i* is a function of tags *i-1*, *i-2* only), so this is the same answer;
* the reference compares float sums. Two classes whose exact scores differ differ by >= 0.001,
  far above the rounding error of summing 14 floats, so the reference picks the same class
  whenever the best exact score is unique. When it is not (an exact tie), the float rounding
  decides, so those sentences are tagged by PyThaiNLP's own tagger.
"""

from __future__ import annotations

import numpy as np
from pythainlp.tag import orchid
from pythainlp.tag.perceptron import _orchid_tagger

__all__ = ["output_word", "tag_sentences", "tag_ud", "ud_names"]

_START, _START2 = "-START-", "-START2-"
_END, _END2 = "-END-", "-END2-"
_ESCAPE = orchid.CHAR_TO_ESCAPE  # " " -> "<space>", "(" -> "<left_parenthesis>", ...
_UNESCAPE = orchid.ESCAPE_TO_CHAR
_NOUN_WORDS = ("การ", "ความ")  # orchid.ud_exception
_WORD_CACHE_MAX = 300_000

# Columns of a word entry: tag dictionary tag id or -1; rows of the feature matrix for
# "i suffix", "i pref1", "i word" (the token itself), "i-1 word", "i-1 suffix", "i-2 word",
# "i+1 word", "i+1 suffix", "i+2 word" (the token seen from a neighbour); its row in the
# "i-1 tag+i word" table; 1 if its UD tag is forced to NOUN.
(_FIXED, _SUF, _PREF, _IWORD, _M1W, _M1S, _M2W, _P1W, _P1S, _P2W, _TW, _NOUN) = range(12)
_N_COLS = 12
# Entry ids of the sentence padding (context words and previous tags of the reference).
_PAD_START, _PAD_START2, _PAD_END, _PAD_END2 = range(4)


def output_word(word: str) -> str:
    """The word as ``pos_tag(..., corpus="orchid_ud")`` returns it (orchid pre/post-processing).

    That is the word itself, except a word that spells an ORCHID escape (``"<space>"``, ...),
    which comes back as the character.
    """
    pre = _ESCAPE.get(word, word)
    return _UNESCAPE.get(pre, pre)


class _Model:
    def __init__(self) -> None:
        tagger = _orchid_tagger()
        self.ref = tagger
        weights: dict[str, dict[str, float]] = tagger.model.weights
        # Columns in descending label order: argmax keeps the first maximum, which is the label
        # the reference prefers among exactly equal scores (key (score, label)).
        self.labels = sorted(set(tagger.model.classes), reverse=True)
        col = {lab: i for i, lab in enumerate(self.labels)}
        n_lab = len(self.labels)
        self.row: dict[str, int] = {}
        mat = np.zeros((len(weights) + 1, n_lab), dtype=np.int64)  # row 0: unknown feature
        # Whether every weight is an exact multiple of 0.001 (else: leave tagging to PyThaiNLP).
        self.exact = True
        for r, (feat, ws) in enumerate(weights.items(), start=1):
            self.row[feat] = r
            for lab, w in ws.items():
                milli = round(w * 1000)
                mat[r, col[lab]] = milli
                if abs(w * 1000 - milli) > 1e-6:
                    self.exact = False
        if np.abs(mat).max() * 14 >= 2**31:
            self.exact = False
        self.mat = mat.astype(np.int32)
        self.bias = self.mat[self.row.get("bias", 0)]
        self.tagdict: dict[str, str] = tagger.tagdict
        # Tag ids: classes, then "-START-" and "-START2-" (the previous tags at a sentence start).
        self.tag_names = [*self.labels, _START, _START2]
        tid = {t: i for i, t in enumerate(self.tag_names)}
        self.tag_id = tid
        n_tag = len(self.tag_names)
        # Score part of the previous two tags: "i-1 tag", "i-2 tag", "i tag+i-2 tag".
        tp = np.zeros((n_tag, n_tag, n_lab), dtype=np.int32)
        for p in self.tag_names:
            for p2 in self.tag_names:
                rows = [self.row.get(f"i-1 tag {p}", 0), self.row.get(f"i-2 tag {p2}", 0), self.row.get(f"i tag+i-2 tag {p} {p2}", 0)]
                tp[tid[p], tid[p2]] = mat[rows].sum(axis=0)
        self.tp = tp
        # "i-1 tag+i word {prev} {word}": per word, its feature row for each previous tag.
        tw_words: dict[str, int] = {}
        entries: list[tuple[int, int, int]] = []
        prefix = "i-1 tag+i word "
        for feat, r in self.row.items():
            if feat.startswith(prefix):
                prev, _, word = feat[len(prefix) :].partition(" ")
                if prev in tid:
                    w_id = tw_words.setdefault(word, len(tw_words) + 1)
                    entries.append((w_id, tid[prev], r))
        tw = np.zeros((len(tw_words) + 1, n_tag), dtype=np.intp)
        for w_id, t, r in entries:
            tw[w_id, t] = r
        self.tw = tw
        self.tw_words = tw_words
        self.ud_names = sorted(set(orchid.TO_UD.values()) | {"NOUN"})
        ud_id = {u: i for i, u in enumerate(self.ud_names)}
        self.ud_of_tag = np.array([ud_id[orchid.TO_UD[t]] for t in self.labels] + [0, 0], dtype=np.intp)
        self.ud_noun = ud_id["NOUN"]
        self._reset_words()

    def _reset_words(self) -> None:
        self.word_id: dict[str, int] = {}
        self.entries = np.zeros((1024, _N_COLS), dtype=np.intp)
        for i, pad in enumerate((_START, _START2, _END, _END2)):
            self.entries[i] = self._entry(pad, pad, own=False)
        self.n_entries = 4

    def _entry(self, word: str, ctx: str, own: bool = True) -> list[int]:
        row = self.row.get
        tag = self.tagdict.get(word) if own else None
        return [
            self.tag_id[tag] if tag else -1,
            row(f"i suffix {word[-3:]}", 0) if own else 0,
            row(f"i pref1 {word[0]}", 0) if own else 0,
            row(f"i word {ctx}", 0) if own else 0,
            row(f"i-1 word {ctx}", 0),
            row(f"i-1 suffix {ctx[-3:]}", 0),
            row(f"i-2 word {ctx}", 0),
            row(f"i+1 word {ctx}", 0),
            row(f"i+1 suffix {ctx[-3:]}", 0),
            row(f"i+2 word {ctx}", 0),
            self.tw_words.get(ctx, 0) if own else 0,
            int(word in _NOUN_WORDS),
        ]

    def add_word(self, raw: str) -> int:
        """Entry id of a word (as it stands in the text), building its entry on first sight."""
        word = _ESCAPE.get(raw, raw)  # orchid.pre_process
        i = self.n_entries
        if i == len(self.entries):
            self.entries = np.concatenate((self.entries, np.zeros_like(self.entries)))
        self.entries[i] = self._entry(word, self.ref._normalize(word))
        self.n_entries = i + 1
        self.word_id[raw] = i
        return i


_MODEL: _Model | None = None


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = _Model()
    return _MODEL


def ud_names() -> list[str]:
    """Names of the UD tag ids returned by :func:`tag_ud`."""
    return _model().ud_names


def tag_ud(words: list[str], lengths: list[int]) -> np.ndarray:
    """UD tag ids of ``words``, a concatenation of sentences of the given lengths.

    ``[ud_names()[i] for i in tag_ud(words, [len(words)])]`` equals
    ``[t for _, t in pos_tag(words, corpus="orchid_ud")]``; each sentence is tagged on its own.
    """
    m = _model()
    n = len(words)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    if not m.exact:
        return _tag_ud_reference(m, words, lengths)
    if len(m.word_id) + n > _WORD_CACHE_MAX:
        m._reset_words()  # before taking any id of this call
    get = m.word_id.get
    ids = [get(w, -1) for w in words]
    if -1 in ids:
        add = m.add_word
        ids = [i if i >= 0 else (get(w, -1) if get(w, -1) >= 0 else add(w)) for i, w in zip(ids, words, strict=True)]
    n_sent = len(lengths)
    lens = np.asarray(lengths, dtype=np.intp)
    sent_of_word = np.repeat(np.arange(n_sent), lens)
    pos = np.arange(n) + 4 * sent_of_word + 2  # padded positions: 2 pads before, 2 after each sentence
    starts = np.cumsum(lens + 4) - (lens + 4)
    ends = starts + lens + 4
    padded = np.empty(n + 4 * n_sent, dtype=np.intp)
    padded[pos] = ids
    padded[starts] = _PAD_START
    padded[starts + 1] = _PAD_START2
    padded[ends - 2] = _PAD_END
    padded[ends - 1] = _PAD_END2
    e = m.entries[padded]
    mat = m.mat
    fixed = e[pos, _FIXED]
    free = fixed < 0  # words not in the tag dictionary
    fpos = pos[free]
    fstatic = (
        mat[e[fpos, _SUF]]
        + mat[e[fpos, _PREF]]
        + mat[e[fpos, _IWORD]]
        + mat[e[fpos - 1, _M1W]]
        + mat[e[fpos - 1, _M1S]]
        + mat[e[fpos - 2, _M2W]]
        + mat[e[fpos + 1, _P1W]]
        + mat[e[fpos + 1, _P1S]]
        + mat[e[fpos + 2, _P2W]]
        + m.bias
    )
    # Previous tags at the sentence starts are the reference's ("-START-", "-START2-").
    tags = np.zeros(len(padded), dtype=np.intp)
    tags[starts] = m.tag_id[_START2]
    tags[starts + 1] = m.tag_id[_START]
    tags[pos] = fixed
    ftw = e[fpos, _TW]
    scores = np.empty((len(fpos), len(m.labels)), dtype=np.int32)
    # Fixed-point iteration over the free words; first guess: the static scores' argmax.
    tags[fpos] = fstatic.argmax(axis=1)
    todo = np.arange(len(fpos))
    index_of = np.full(len(padded), -1, dtype=np.intp)
    index_of[fpos] = todo
    while len(todo):
        p = fpos[todo]
        prev, prev2 = tags[p - 1], tags[p - 2]
        s = fstatic[todo] + m.tp[prev, prev2] + mat[m.tw[ftw[todo], prev]]
        scores[todo] = s
        new = s.argmax(axis=1)
        changed = p[new != tags[p]]
        tags[p] = new
        if not len(changed):
            break
        nxt = np.concatenate((index_of[changed + 1], index_of[changed + 2]))
        todo = np.unique(nxt[nxt >= 0])
    out = m.ud_of_tag[tags[pos]]
    out[e[pos, _NOUN] == 1] = m.ud_noun
    # Exact ties at the top: the reference's float rounding decides; let it.
    if len(scores):
        best = scores.max(axis=1)
        tied = (scores == best[:, None]).sum(axis=1) > 1
        if tied.any():
            bounds = np.concatenate(([0], np.cumsum(lens)))
            for si in np.unique(sent_of_word[free][tied]).tolist():
                a, b = int(bounds[si]), int(bounds[si + 1])
                out[a:b] = _tag_ud_reference(m, words[a:b], [b - a])
    return out


def _tag_ud_reference(m: _Model, words: list[str], lengths: list[int]) -> np.ndarray:
    """UD tag ids from PyThaiNLP's own tagger, sentence by sentence."""
    ud_id = {u: i for i, u in enumerate(m.ud_names)}
    out: list[int] = []
    k = 0
    for n in lengths:
        pre = [_ESCAPE.get(w, w) for w in words[k : k + n]]  # orchid.pre_process
        out += [ud_id[orchid.ud_exception(w, orchid.TO_UD[t])] for w, (_, t) in zip(pre, m.ref.tag(pre), strict=True)]
        k += n
    return np.array(out, dtype=np.intp)


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """UD tags of each sentence's words, as ``[t for _, t in pos_tag(words, corpus="orchid_ud")]``."""
    words = [w for s in sentences for w in s]
    names = ud_names()
    tags = [names[i] for i in tag_ud(words, [len(s) for s in sentences]).tolist()]
    out, k = [], 0
    for s in sentences:
        out.append(tags[k : k + len(s)])
        k += len(s)
    return out
