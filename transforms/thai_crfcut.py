"""PyThaiNLP's ``crfcut`` sentence segmenter, fed with already computed word tokens.

``pythainlp.tokenize.crfcut.segment(text)`` tokenizes the text with newmm, turns every token
into 37 feature strings (bias, then word n-grams, "ender" and "starter" flags of the 1-, 2- and
3-grams in a +-2 token window), and asks ``pycrfsuite`` for the Viterbi labels ``I``/``E``.
Building the strings and handing them to crfsuite is most of its cost.

Here the model file is read once (the CRFsuite ``lCRF`` format: feature table and attribute
CQDB), the weight of each feature is looked up per distinct n-gram, and the state scores and the
Viterbi path are computed the way CRFsuite computes them (``crf1dt_state_score`` then
``crf1dc_viterbi``): each label's score is the sum of its attribute weights added in the order
of the feature list, starting from 0.0, and ties keep the first label. Double additions in
the same order give the same bits, so the labels are the ones crfsuite returns; the tests and
the benchmark check this against ``pythainlp`` itself.
"""

from __future__ import annotations

import struct
from itertools import pairwise

import numpy as np
from pythainlp.corpus import corpus_path
from pythainlp.tokenize import crfcut as _ref
from pythainlp.tools.path import safe_path_join

__all__ = ["label_tokens", "sentence_ends"]

_WINDOW = 2
# (n-gram size, offset of its first token from the current token), in crfcut's feature order.
_SLOTS: tuple[tuple[int, int], ...] = tuple((n, j) for n in range(1, 4) for j in range(-_WINDOW, _WINDOW + 2 - n))
_PAD = "xxpad"


def _read_cqdb(buf: bytes, base: int) -> list[str]:
    """Strings of a CQDB chunk, by id (backward-link array)."""
    if buf[base : base + 4] != b"CQDB":
        raise ValueError("crfcut model: CQDB chunk expected")
    _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<5I", buf, base + 4)
    out = []
    for i in range(bwd_size):
        (off,) = struct.unpack_from("<I", buf, base + bwd_offset + 4 * i)
        if not off:
            out.append("")  # no string has this id
            continue
        key_id, ksize = struct.unpack_from("<2I", buf, base + off)
        if key_id != i:
            raise ValueError("crfcut model: inconsistent CQDB")
        key = buf[base + off + 8 : base + off + 8 + ksize]
        out.append(key.rstrip(b"\0").decode("utf-8", "surrogateescape"))
    return out


class _Model:
    def __init__(self, path: str) -> None:
        with open(path, "rb") as f:
            buf = f.read()
        if buf[:4] != b"lCRF":
            raise ValueError(f"{path}: not a CRFsuite model")
        (_size,) = struct.unpack_from("<I", buf, 4)
        (_nf, num_labels, num_attrs, off_features, off_labels, off_attrs, _olr, _oar) = struct.unpack_from("<8I", buf, 16)
        if buf[off_features : off_features + 4] != b"FEAT":
            raise ValueError(f"{path}: feature chunk expected")
        (num_features,) = struct.unpack_from("<I", buf, off_features + 8)  # the header's count is not filled in
        self.labels = _read_cqdb(buf, off_labels)
        attrs = _read_cqdb(buf, off_attrs)
        if len(self.labels) != num_labels or len(attrs) != num_attrs or num_labels != 2:
            raise ValueError("crfcut model: unexpected layout")
        feats = np.frombuffer(
            buf,
            dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
            count=num_features,
            offset=off_features + 12,
        )
        state = np.zeros((num_attrs, num_labels), dtype=np.float64)
        trans = np.zeros((num_labels, num_labels), dtype=np.float64)
        present = np.zeros((num_attrs, num_labels), dtype=bool)
        for t, s, d, w in feats.tolist():
            if t == 0:
                state[s, d] = w
                present[s, d] = True
            else:
                trans[s, d] = w
        self.trans = trans.tolist()
        self.label_e = self.labels.index("E")
        # Word n-gram attributes: per n-gram size, a matrix with one row per n-gram the model
        # knows (row 0: unknown) and two columns (labels) per slot of that size, in slot order.
        self.slots_of = {size: [s for s in _SLOTS if s[0] == size] for size in (1, 2, 3)}
        self.gram_row: dict[int, dict[str, int]] = {1: {}, 2: {}, 3: {}}
        rows: dict[int, list[np.ndarray]] = {1: [], 2: [], 3: []}
        # Ender/starter attributes: per slot, a (2**n, 2) table indexed by the flag bits.
        self.ender = {s: np.zeros((1 << s[0], num_labels)) for s in _SLOTS}
        self.starter = {s: np.zeros((1 << s[0], num_labels)) for s in _SLOTS}
        self.bias = np.zeros(num_labels)
        names = {f"{n}_{j}_{j + n}": (n, j) for n, j in _SLOTS}
        flag_index: dict[tuple[str, int, str], int] = {}
        for n in (1, 2, 3):
            for bits in range(1 << n):
                for kind in ("ender", "starter"):
                    value = "|".join(kind if bits >> k & 1 else "normal" for k in range(n))
                    flag_index[kind, n, value] = bits
        for aid, name in enumerate(attrs):
            if not present[aid].any():
                continue
            w = state[aid]
            if name == "bias":
                self.bias = w.copy()
                continue
            head, sep, value = name.partition("=")
            kind, _, pos = head.partition("_")
            slot = names.get(pos)
            if not sep or slot is None:
                continue  # not an attribute crfcut ever produces
            size = slot[0]
            if kind == "word":
                row = self.gram_row[size].get(value)
                if row is None:
                    row = self.gram_row[size][value] = len(rows[size]) + 1
                    rows[size].append(np.zeros(2 * len(self.slots_of[size])))
                col = 2 * self.slots_of[size].index(slot)
                rows[size][row - 1][col : col + 2] = w
            elif kind in ("ender", "starter"):
                bits = flag_index.get((kind, size, value))
                if bits is not None:
                    (self.ender if kind == "ender" else self.starter)[slot][bits] = w
        self.gram_matrix = {size: np.vstack([np.zeros(2 * len(self.slots_of[size])), *rows[size]]) for size in (1, 2, 3)}
        # Per n-gram size: (2**n, 2 * slots) tables, columns in slot order like gram_matrix.
        self.ender_table = {size: np.hstack([self.ender[s] for s in self.slots_of[size]]) for size in (1, 2, 3)}
        self.starter_table = {size: np.hstack([self.starter[s] for s in self.slots_of[size]]) for size in (1, 2, 3)}
        self._index_by_token_id()

    def _index_by_token_id(self) -> None:
        """Integer keys for the n-grams, for texts whose tokens contain no ``|``.

        Every token the model can match gets an id (0: any other token); an n-gram is then the
        number ``(a * V + b) * V + c`` of its token ids, looked up with ``searchsorted``. An
        n-gram key that does not split into exactly n parts at ``|`` can only match tokens
        that contain ``|``; such texts take the string path.
        """
        words = {_PAD, *_ref._ENDERS, *_ref._STARTERS, *self.gram_row[1]}
        for size in (2, 3):
            for key in self.gram_row[size]:
                parts = key.split("|")
                if len(parts) == size:
                    words.update(parts)
        self.vocab = {w: i for i, w in enumerate(sorted(words), start=1)}
        v = self.radix = len(self.vocab) + 1
        self.is_ender = np.zeros(v, dtype=np.intp)
        self.is_starter = np.zeros(v, dtype=np.intp)
        for w in _ref._ENDERS:
            self.is_ender[self.vocab[w]] = 1
        for w in _ref._STARTERS:
            self.is_starter[self.vocab[w]] = 1
        self.unigram_row = np.zeros(v, dtype=np.intp)
        for key, row in self.gram_row[1].items():
            self.unigram_row[self.vocab[key]] = row
        self.gram_codes: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for size in (2, 3):
            codes, rows = [], []
            for key, row in self.gram_row[size].items():
                parts = key.split("|")
                if len(parts) == size:
                    code = 0
                    for part in parts:
                        code = code * v + self.vocab[part]
                    codes.append(code)
                    rows.append(row)
            order = np.argsort(np.array(codes, dtype=np.int64), kind="stable")
            self.gram_codes[size] = (np.array(codes, dtype=np.int64)[order], np.array(rows, dtype=np.intp)[order])


_MODEL: _Model | None = None


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = _Model(safe_path_join(corpus_path(), _ref._CRFCUT_DATA_FILENAME))
    return _MODEL


def _gram_weights_by_id(m: _Model, toks: list[str]) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
    get = m.vocab.get
    pad = m.vocab[_PAD]
    n = len(toks)
    ids = np.empty(n + 2 * _WINDOW, dtype=np.int64)
    ids[:_WINDOW] = pad
    ids[-_WINDOW:] = pad
    ids[_WINDOW:-_WINDOW] = np.fromiter((get(t, 0) for t in toks), dtype=np.int64, count=n)
    v = m.radix
    weights = {1: m.gram_matrix[1][m.unigram_row[ids]]}
    code = ids[:-1] * v + ids[1:]
    for size in (2, 3):
        if size == 3:
            code = code[:-1] * v + ids[2:]
        keys, rows = m.gram_codes[size]
        at = np.searchsorted(keys, code)
        at[at == len(keys)] = 0
        row = np.where(keys[at] == code, rows[at], 0)
        weights[size] = m.gram_matrix[size][row]
    return weights, m.is_ender[ids], m.is_starter[ids]


def _gram_weights_by_string(m: _Model, toks: list[str]) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
    padded = [_PAD] * _WINDOW + toks + [_PAD] * _WINDOW
    grams = {
        1: padded,
        2: [f"{a}|{b}" for a, b in pairwise(padded)],
        3: [f"{a}|{b}|{c}" for a, b, c in zip(padded, padded[1:], padded[2:], strict=False)],
    }
    weights = {}
    for size, gram in grams.items():
        get = m.gram_row[size].get
        rows = np.fromiter((get(g, 0) for g in gram), dtype=np.intp, count=len(gram))
        weights[size] = m.gram_matrix[size][rows]
    enders, starters = _ref._ENDERS, _ref._STARTERS
    e = np.fromiter((t in enders for t in padded), dtype=np.intp, count=len(padded))
    s = np.fromiter((t in starters for t in padded), dtype=np.intp, count=len(padded))
    return weights, e, s


def _state_scores(m: _Model, toks: list[str], by_string: bool = False) -> np.ndarray:
    """(len(toks), 2) state scores, summed in crfcut's feature order.

    For token i, the weights of its word n-gram, ender and starter attributes are added slot
    by slot (bias; then 1-grams at offsets -2..2, 2-grams at -2..1, 3-grams at -2..0; word,
    ender, starter for each), one vector addition per attribute over all tokens at once.
    """
    n = len(toks)
    if by_string or any("|" in t for t in toks):
        weights, e, s = _gram_weights_by_string(m, toks)
    else:
        weights, e, s = _gram_weights_by_id(m, toks)
    # Ender/starter weights of the n-gram starting at each padded position, for all slots of
    # its size: the flags of its tokens are the bits of an index into the slot tables.
    flag_weights = {}
    length = n + 2 * _WINDOW
    for size in (1, 2, 3):
        m_len = length - size + 1
        e_code = e[:m_len].copy()
        s_code = s[:m_len].copy()
        for k in range(1, size):
            e_code |= e[k : k + m_len] << k
            s_code |= s[k : k + m_len] << k
        flag_weights[size] = (m.ender_table[size][e_code], m.starter_table[size][s_code])
    score = np.empty((n, 2))
    score[:] = m.bias  # 0.0 + w == w
    col = {1: 0, 2: 0, 3: 0}
    for size, off in _SLOTS:
        lo = _WINDOW + off  # padded index of the first token of the n-gram for token 0
        c = col[size]
        col[size] = c + 2
        ender, starter = flag_weights[size]
        score += weights[size][lo : lo + n, c : c + 2]
        score += ender[lo : lo + n, c : c + 2]
        score += starter[lo : lo + n, c : c + 2]
    return score


def _viterbi(m: _Model, score: np.ndarray) -> list[int]:
    """crf1dc_viterbi for two labels: best path, ties to the lower label id."""
    (t00, t01), (t10, t11) = m.trans
    flat = score.ravel().tolist()
    n = len(flat) // 2
    back = bytearray(n)
    c0, c1 = flat[0], flat[1]
    for t in range(1, n):
        s0 = flat[2 * t]
        s1 = flat[2 * t + 1]
        a = c0 + t00
        b = c1 + t10
        if a < b:  # strict: label 0 wins ties, as "max_score < score" with i = 0 first
            n0 = b + s0
            back0 = 1
        else:
            n0 = a + s0
            back0 = 0
        a = c0 + t01
        b = c1 + t11
        if a < b:
            n1 = b + s1
            back1 = 2
        else:
            n1 = a + s1
            back1 = 0
        back[t] = back0 | back1
        c0, c1 = n0, n1
    labels = [0] * n
    cur = 1 if c0 < c1 else 0
    labels[-1] = cur
    for t in range(n - 1, 0, -1):
        cur = (back[t] >> cur) & 1
        labels[t - 1] = cur
    return labels


def label_tokens(toks: list[str], by_string: bool = False) -> list[bool]:
    """crfcut's raw CRF decision per token: True for ``E`` (a sentence ends after it)."""
    if not toks:
        return []
    if any("\0" in t for t in toks):
        # crfsuite reads attribute names as C strings, cut at the first NUL: leave those to it.
        return [lab == "E" for lab in _ref._tagger.tag(_ref._extract_features(toks))]
    m = _model()
    path = _viterbi(m, _state_scores(m, toks, by_string))
    e = m.label_e
    return [lab == e for lab in path]


def sentence_ends(toks: list[str]) -> list[int]:
    """Indices (exclusive) into ``toks`` where crfcut's sentences end, after its fix-up rules.

    ``crfcut.segment(text)`` equals ``["".join(toks[a:b]) for a, b in zip([0, *ends], ends)]``
    for ``toks = word_tokenize(text)`` (the empty sentences it drops cannot occur: tokens are
    never empty). Tokens after the last end are dropped by crfcut as well.
    """
    labs = label_tokens(toks)
    if not labs:
        return []
    labs[-1] = True  # make sure it cuts the last sentence
    for idx, tok in enumerate(toks):
        stripped = tok.strip()
        if stripped.endswith(("!", ".", "?")):
            labs[idx] = True
        elif (idx == 0 or labs[idx - 1]) and stripped == "":
            labs[idx] = False
    return [i + 1 for i, lab in enumerate(labs) if lab]
