"""Rows of the contract battery for Course 5 (recurrent networks, word vectors, attention, transformers).

Sequences are ``(n_x, m, T_x)`` as in the course; word vectors are 1-D ``(n_e,)`` by the course's
convention, so their rows check that a column is refused (``one_d``) instead of a rank-1 array.
"""

from __future__ import annotations

import numpy as np

from contract_case import Args, Case, rng, same

N_X, N_A, N_Y, M, T = 3, 4, 2, 5, 6  # all different, so that a transpose shows


def r(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def rnn_parameters(n_x: int = N_X, n_a: int = N_A, n_y: int = N_Y, seed: int = 10) -> Args:
    g = r(seed)
    return {"Wax": g.standard_normal((n_a, n_x)), "Waa": g.standard_normal((n_a, n_a)), "Wya": g.standard_normal((n_y, n_a)),
            "ba": g.standard_normal((n_a, 1)), "by": g.standard_normal((n_y, 1))}


def lstm_parameters() -> Args:
    g = r(11)
    p = {f"W{k}": g.standard_normal((N_A, N_A + N_X)) for k in "fico"} | {f"b{k}": g.standard_normal((N_A, 1)) for k in "fico"}
    return p | {"Wy": g.standard_normal((N_Y, N_A)), "by": g.standard_normal((N_Y, 1))}


def gru_parameters() -> Args:
    g = r(12)
    return {f"W{k}": g.standard_normal((N_A, N_A + N_X)) for k in "ucr"} | {f"b{k}": g.standard_normal((N_A, 1)) for k in "ucr"}


def x_seq(n_x: int = N_X) -> np.ndarray:
    return r(13).standard_normal((n_x, M, T))


def state(seed: int = 14) -> np.ndarray:
    return r(seed).standard_normal((N_A, M))


def cell(kind: str) -> Args:
    from dlref.gru import gru_cell_forward
    from dlref.lstm import lstm_cell_forward
    from dlref.rnn import rnn_cell_forward

    xt = x_seq()[:, :, 0]
    if kind == "rnn":
        return {"da_next": state(15), "cache": rnn_cell_forward(xt, state(), rnn_parameters())[2]}
    if kind == "lstm":
        return {"da_next": state(15), "dc_next": state(16), "cache": lstm_cell_forward(xt, state(), state(17), lstm_parameters())[3]}
    return {"dc_next": state(15), "cache": gru_cell_forward(xt, state(), gru_parameters())[1]}


def sequence(kind: str) -> Args:
    from dlref.gru import gru_forward
    from dlref.lstm import lstm_forward
    from dlref.rnn import rnn_forward

    if kind == "rnn":
        return {"da": r(18).standard_normal((N_A, M, T)), "caches": rnn_forward(x_seq(), state(), rnn_parameters())[2]}
    if kind == "lstm":
        return {"da": r(18).standard_normal((N_A, M, T)), "caches": lstm_forward(x_seq(), state(), lstm_parameters())[3]}
    return {"dc": r(18).standard_normal((N_A, M, T)), "caches": gru_forward(x_seq(), state(), gru_parameters())[1]}


def brnn() -> Args:
    g = r(19)
    return {"x": x_seq(), "a0_f": state(), "a0_b": state(20),
            "parameters": {"forward": rnn_parameters(seed=21), "backward": rnn_parameters(seed=22),
                           "Wy": g.standard_normal((N_Y, 2 * N_A)), "by": g.standard_normal((N_Y, 1))}}


def deep_rnn() -> Args:
    g = r(23)
    layers = [rnn_parameters(seed=24), rnn_parameters(n_x=N_A, n_a=2, seed=25)]
    return {"x": x_seq(), "a0": [state(), r(26).standard_normal((2, M))],
            "parameters": {"layers": layers, "Wy": g.standard_normal((N_Y, 2)), "by": g.standard_normal((N_Y, 1))}}


def variant_backward(kind: str) -> Args:
    """``(dy, caches)`` for brnn_backward or deep_rnn_backward, from a forward pass of the rows above."""
    from dlref.rnn_variants import brnn_forward, deep_rnn_forward

    *_, y_pred, caches = brnn_forward(**brnn()) if kind == "brnn" else deep_rnn_forward(**deep_rnn())
    return {"dy": r(29).standard_normal(y_pred.shape), "caches": caches}


CHARS = {"\n": 0, "a": 1, "b": 2, "c": 3}


def char_parameters() -> Args:
    return rnn_parameters(n_x=4, n_a=3, n_y=4, seed=27)


def char_gradients() -> Args:
    g = r(28)
    return {k: 10 * g.standard_normal(shape) for k, shape in (("dWax", (3, 4)), ("dWaa", (3, 3)), ("dWya", (4, 3)),
                                                            ("dba", (3, 1)), ("dby", (4, 1)))}


WORDS = {"man": np.array([1.0, 0.5, -0.3, 0.2]), "woman": np.array([-1.0, 0.6, -0.2, 0.3]),
         "king": np.array([1.2, 0.1, 0.8, -0.4]), "queen": np.array([-0.9, 0.2, 0.9, -0.3]),
         "doctor": np.array([0.3, -0.8, 0.5, 0.7]), "actor": np.array([0.8, 0.9, 0.1, -0.6]),
         "actress": np.array([-0.7, 0.8, 0.2, -0.5])}
G = WORDS["woman"] - WORDS["man"]


def words() -> dict[str, np.ndarray]:
    return {w: v.copy() for w, v in WORDS.items()}


def glove() -> Args:
    g = r(29)
    V, n_e = 4, 3
    return {"X": np.array([[0.0, 3.0, 1.0, 0.0], [3.0, 0.0, 2.0, 5.0], [1.0, 2.0, 0.0, 1.0], [0.0, 5.0, 1.0, 0.0]]),
            "theta": g.standard_normal((V, n_e)), "e": g.standard_normal((V, n_e)), "b": g.standard_normal(V),
            "b_prime": g.standard_normal(V)}


def next_log_probs(prefix: tuple[int, ...]) -> np.ndarray:
    """A fixed toy language model over three tokens; token 2 ends a sentence."""
    p = np.array([0.5, 0.3, 0.2]) if len(prefix) < 2 else np.array([0.2, 0.2, 0.6])
    return np.log(p)


def ctc() -> Args:
    logits = r(30).standard_normal((6, 4))
    return {"log_probs": logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)), "labels": [1, 2, 2]}


def attention() -> Args:
    g = r(31)
    m, T_x, n_a2, n_s, n_e = 2, 4, 3, 5, 6
    return {"a": g.standard_normal((m, T_x, n_a2)), "s_prev": g.standard_normal((m, n_s)),
            "parameters": {"W1": g.standard_normal((n_a2 + n_s, n_e)), "b1": g.standard_normal(n_e),
                           "W2": g.standard_normal((n_e, 1)), "b2": g.standard_normal(1)}}


def attention_cache() -> Args:
    from dlref.attention import one_step_attention_forward

    context, _, cache = one_step_attention_forward(**attention())
    return {"dcontext": r(32).standard_normal(context.shape), "cache": cache}


def translator(n_x: int = 5, n_y: int = 4) -> Args:
    from dlref.date_translator import initialize_translator

    return initialize_translator(n_x, n_y, r(40), n_a=2, n_s=3, n_e=2)  # n_y != n_s: a transpose shows


def translator_input(m: int = 2, T_x: int = 4, n_x: int = 5) -> np.ndarray:
    return np.eye(n_x)[r(41).integers(0, n_x, (m, T_x))]  # (m, T_x, n_x) one-hot, batch first


def translator_targets(m: int = 2, T_y: int = 3, n_y: int = 4) -> np.ndarray:
    return np.eye(n_y)[r(42).integers(0, n_y, (m, T_y))]


def translator_cache() -> Args:
    from dlref.date_translator import translator_forward

    Y_hat, _, cache = translator_forward(translator_input(), translator(), Ty=3)
    return {"dY_hat": r(43).standard_normal(Y_hat.shape), "cache": cache}


def translator_file() -> Args:
    import tempfile
    from pathlib import Path

    p = translator()
    path = Path(tempfile.mkdtemp()) / "weights.npz"
    np.savez(path, **{f"{group}/{key}": value for group in p for key, value in p[group].items()})
    return {"path": str(path)}


def dates(m: int = 3) -> Args:
    from dlref.date_data import load_dataset

    dataset, human_vocab, machine_vocab, _ = load_dataset(m, r(44))
    return {"dataset": dataset, "human_vocab": human_vocab, "machine_vocab": machine_vocab}


B, S, D, HEADS = 2, 3, 4, 2


def tokens(seed: int, s: int = S) -> np.ndarray:
    return r(seed).standard_normal((B, s, D))


def qkv() -> Args:
    from dlref.transformer import create_look_ahead_mask

    g = r(33)
    return {"q": g.standard_normal((B, S, 5)), "k": g.standard_normal((B, 4, 5)), "v": g.standard_normal((B, 4, 6)),
            "mask": create_look_ahead_mask(4)[:, :S, :]}


def qkv_backward() -> Args:
    from dlref.transformer import scaled_dot_product_attention

    args = qkv()
    output, weights = scaled_dot_product_attention(**args)
    return {"d_output": r(34).standard_normal(output.shape), **{k: args[k] for k in "qkv"}, "attention_weights": weights}


def mha_parameters(seed: int) -> Args:
    g = r(seed)
    return {f"W{n}": g.standard_normal((D, D)) for n in "qkvo"} | {f"b{n}": g.standard_normal(D) for n in "qkvo"}


def ffn_parameters(seed: int) -> Args:
    g = r(seed)
    return {"W1": g.standard_normal((D, 6)), "b1": g.standard_normal(6), "W2": g.standard_normal((6, D)), "b2": g.standard_normal(D)}


def ln(seed: int) -> Args:
    g = r(seed)
    return {"gamma": 1 + 0.1 * g.standard_normal(D), "beta": 0.1 * g.standard_normal(D)}


def encoder_parameters(seed: int) -> Args:
    return {"mha": mha_parameters(seed), "ln1": ln(seed + 1), "ffn": ffn_parameters(seed + 2), "ln2": ln(seed + 3)}


def decoder_parameters(seed: int) -> Args:
    return {"mha1": mha_parameters(seed), "ln1": ln(seed + 1), "mha2": mha_parameters(seed + 2), "ln2": ln(seed + 3),
            "ffn": ffn_parameters(seed + 4), "ln3": ln(seed + 5)}


def padding() -> np.ndarray:
    return np.array([[[1.0, 1.0, 0.0, 0.0]], [[1.0, 1.0, 1.0, 1.0]]])  # (B, 1, T_enc = 4), 1 = keep


def mha() -> Args:
    return {"q_in": tokens(35), "k_in": tokens(36, 4), "v_in": tokens(37, 4), "mask": padding(),
            "parameters": mha_parameters(38), "num_heads": HEADS}


def backward_of(forward, args: Args, out_name: str = "d_out") -> Args:
    out, cache = forward(**args)
    return {out_name: r(39).standard_normal(out.shape), "cache": cache}


def encoder() -> Args:
    return {"x": tokens(40), "mask": np.array([[[1.0, 1.0, 0.0]], [[1.0, 1.0, 1.0]]]), "parameters": encoder_parameters(41),
            "num_heads": HEADS}


def decoder() -> Args:
    from dlref.transformer import create_look_ahead_mask

    return {"x": tokens(50), "enc_output": tokens(51, 4), "look_ahead_mask": create_look_ahead_mask(S),
            "padding_mask": padding(), "parameters": decoder_parameters(52), "num_heads": HEADS}


def transformer() -> Args:
    g = r(60)
    return {"input_ids": np.array([[3, 1, 2, 0], [1, 2, 3, 4]]), "target_ids": np.array([[1, 2, 0], [2, 1, 3]]),
            "parameters": {"enc_embedding": g.standard_normal((5, D)), "dec_embedding": g.standard_normal((4, D)),
                           "encoder": [encoder_parameters(61)], "decoder": [decoder_parameters(66)],
                           "W_out": g.standard_normal((D, 6)), "b_out": g.standard_normal(6)},
            "num_heads": HEADS}


def mha_backward() -> Args:
    from dlref.transformer_encoder import multi_head_attention_forward

    return backward_of(multi_head_attention_forward, mha())


def ln_backward() -> Args:
    from dlref.transformer_encoder import layer_norm_forward

    return backward_of(layer_norm_forward, {"x": tokens(42), **ln(43)})


def ffn_backward() -> Args:
    from dlref.transformer_encoder import ffn_forward

    return backward_of(ffn_forward, {"x": tokens(44), "parameters": ffn_parameters(45)})


def encoder_backward() -> Args:
    from dlref.transformer_encoder import encoder_layer_forward

    return backward_of(encoder_layer_forward, encoder())


def decoder_backward() -> Args:
    from dlref.transformer_decoder import decoder_layer_forward

    return backward_of(decoder_layer_forward, decoder())



CASES = [
    # recurrent networks: a time step is (n_x, m), a sequence (n_x, m, T_x), a state (n_a, m)
    Case("rnn.rnn_cell_forward", lambda: {"xt": x_seq()[:, :, 0], "a_prev": state(), "parameters": rnn_parameters()},
         rank1=same("xt", "a_prev", "parameters.Wax", "parameters.ba"), transposed=same("xt", "a_prev", "parameters.Wax", "parameters.ba"),
         extra=same("xt", "a_prev", "parameters.Waa"), missing=same("parameters.Wya", "parameters.ba")),
    Case("rnn.rnn_forward", lambda: {"x": x_seq(), "a0": state(), "parameters": rnn_parameters()},
         rank1=same("x", "a0", "parameters.Waa"), transposed=same("x", "a0", "parameters.by"), extra=same("a0", "parameters.Wax"),
         missing=same("parameters.Wax")),
    Case("rnn.rnn_cell_backward", lambda: cell("rnn"), rank1={"da_next": "da_next", "cache.1": "a_prev", "cache.2": "xt"},
         transposed={"da_next": "da_next", "cache.1": "a_prev", "cache.2": "xt"}, extra={"da_next": "da_next", "cache.0": "a_prev"},
         missing={"cache.3.Wax": "Wax"}),
    Case("rnn.rnn_backward", lambda: sequence("rnn"), rank1={"da": "da", "caches.0.2.1": "a_prev", "caches.1": "x"},
         transposed={"da": "da", "caches.0.0.2": "xt"}, extra=same("da"), missing={"caches.0.0.3.Waa": "Waa"}),
    Case("rnn_variants.brnn_forward", brnn,
         rank1=same("x", "a0_f", "a0_b", "parameters.Wy"), transposed=same("x", "a0_f", "a0_b", "parameters.by"),
         extra=same("a0_b", "parameters.Wy"), missing=same("parameters.backward", "parameters.Wy", "parameters.forward.Wax")),
    Case("rnn_variants.deep_rnn_forward", deep_rnn,
         rank1={"x": "x", "a0.1": "a0", "parameters.Wy": "Wy"}, transposed={"x": "x", "a0.0": "a0", "parameters.by": "by"},
         extra={"a0.1": "a0", "parameters.Wy": "Wy"}, missing=same("parameters.layers", "parameters.by", "parameters.layers.1.ba")),
    Case("rnn_variants.brnn_backward", lambda: variant_backward("brnn"),
         rank1={"dy": "dy", "caches.2.1": "y_pred", "caches.1.0.2.0": "a_next"}, transposed={"dy": "dy", "caches.2.2": "Wy"},
         extra=same("dy"), missing={"caches.1.0.0.3.Waa": "Waa", "caches.0.0.2.3.Wax": "Wax"}),
    Case("rnn_variants.deep_rnn_backward", lambda: variant_backward("deep"),
         rank1={"dy": "dy", "caches.1.1": "y_pred", "caches.1.2": "Wy"}, transposed=same("dy"), extra=same("dy"),
         missing={"caches.0.1.0.0.3.ba": "ba", "caches.0.0.0.1.3.Wax": "Wax"}),
    Case("lstm.lstm_cell_forward",
         lambda: {"xt": x_seq()[:, :, 0], "a_prev": state(), "c_prev": state(17), "parameters": lstm_parameters()},
         rank1=same("xt", "a_prev", "c_prev", "parameters.Wf", "parameters.bo"),
         transposed=same("xt", "a_prev", "c_prev", "parameters.Wi", "parameters.bo"), extra=same("a_prev", "c_prev", "parameters.Wc"),
         missing=same("parameters.Wo", "parameters.by")),
    Case("lstm.lstm_forward", lambda: {"x": x_seq(), "a0": state(), "parameters": lstm_parameters()},
         rank1=same("x", "a0", "parameters.Wf"), transposed=same("x", "a0", "parameters.bf"), extra=same("a0", "parameters.Wo"),
         missing=same("parameters.bc")),
    Case("lstm.lstm_cell_backward", lambda: cell("lstm"),
         rank1={"da_next": "da_next", "dc_next": "dc_next", "cache.4": "ft", "cache.8": "xt"},
         transposed={"da_next": "da_next", "dc_next": "dc_next", "cache.3": "c_prev", "cache.8": "xt"},
         extra={"da_next": "da_next", "dc_next": "dc_next", "cache.6": "cct"}, missing={"cache.9.Wo": "Wo"}),
    Case("lstm.lstm_backward", lambda: sequence("lstm"), rank1=same("da"), transposed=same("da"), extra=same("da"),
         missing={"caches.0.0.9.Wi": "Wi"}),
    Case("gru.gru_cell_forward", lambda: {"xt": x_seq()[:, :, 0], "c_prev": state(), "parameters": gru_parameters()},
         rank1=same("xt", "c_prev", "parameters.Wu", "parameters.br"), transposed=same("xt", "c_prev", "parameters.Wr", "parameters.bc"),
         extra=same("c_prev", "parameters.Wc"), missing=same("parameters.Wc", "parameters.bu")),
    Case("gru.gru_forward", lambda: {"x": x_seq(), "c0": state(), "parameters": gru_parameters()},
         rank1=same("x", "c0", "parameters.Wu"), transposed=same("x", "c0", "parameters.bu"), extra=same("c0", "parameters.Wr"),
         missing=same("parameters.Wu")),
    Case("gru.gru_cell_backward", lambda: cell("gru"), rank1={"dc_next": "dc_next", "cache.3": "gu", "cache.2": "xt"},
         transposed={"dc_next": "dc_next", "cache.1": "c_prev", "cache.2": "xt"}, extra={"dc_next": "dc_next", "cache.5": "cct"},
         missing={"cache.6.Wu": "Wu"}),
    Case("gru.gru_backward", lambda: sequence("gru"), rank1=same("dc"), transposed=same("dc"), extra=same("dc"),
         missing={"caches.0.0.6.bc": "bc"}),
    # the character-level language model
    Case("char_model.clip", lambda: {"gradients": char_gradients(), "maxValue": 5.0},
         nan={"gradients.dWax": "gradients", "maxValue": "maxValue"}),
    Case("char_model.sample", lambda: {"parameters": char_parameters(), "char_to_ix": dict(CHARS), "rng": rng(), "max_length": 6},
         nan=same("max_length", "parameters.Waa", "parameters.by"),
         rank1=same("parameters.Wax", "parameters.by"), transposed=same("parameters.Wya"), missing=same("parameters.Waa", "parameters.by")),
    Case("char_model.optimize",
         lambda: {"X": [None, 1, 2], "Y": [1, 2, 0], "a_prev": np.zeros((3, 1)), "parameters": char_parameters(),
                  "learning_rate": 0.01, "maxValue": 5.0},
         rank1=same("a_prev", "parameters.Wax"), transposed=same("a_prev", "parameters.ba"), extra=same("a_prev"),
         nan=same("learning_rate", "maxValue"), missing=same("parameters.Wya", "parameters.by")),
    Case("char_model.model", lambda: {"words": ["ab", "cab", "b"], "char_to_ix": dict(CHARS), "rng": rng(),
                                      "num_iterations": 3, "n_a": 3, "learning_rate": 0.01},
         nan=same("learning_rate", "num_iterations", "n_a")),
    # word vectors: 1-D by the course's convention
    Case("word_vectors.cosine_similarity", lambda: {"u": WORDS["man"].copy(), "v": WORDS["king"].copy()},
         extra=same("v"), nan=same("u", "v"), one_d=same("u", "v")),
    Case("word_vectors.complete_analogy",
         lambda: {"word_a": "man", "word_b": "woman", "word_c": "king", "word_to_vec_map": words()},
         extra={"word_to_vec_map.doctor": "word_to_vec_map"}, nan={"word_to_vec_map.actor": "word_to_vec_map"},
         one_d={"word_to_vec_map.queen": "word_to_vec_map"}),
    Case("word_vectors.neutralize", lambda: {"word": "doctor", "g": G.copy(), "word_to_vec_map": words()},
         extra=same("g"), nan=same("g"), one_d=same("g")),
    Case("word_vectors.equalize", lambda: {"pair": ("actor", "actress"), "bias_axis": G.copy(), "word_to_vec_map": words()},
         extra=same("bias_axis"), nan=same("bias_axis"), one_d=same("bias_axis")),
    Case("word_vectors.sentence_to_avg", lambda: {"sentence": "The king met a doctor", "word_to_vec_map": words()},
         extra={"word_to_vec_map.doctor": "word_to_vec_map"}, nan={"word_to_vec_map.king": "word_to_vec_map"},
         one_d={"word_to_vec_map.king": "word_to_vec_map"}),
    # learning embeddings
    Case("embedding_learning.skipgram_negative_sampling_loss",
         lambda: {"e_c": r(70).standard_normal(3), "theta_t": r(71).standard_normal(3), "theta_neg": r(72).standard_normal((2, 3))},
         rank1=same("theta_neg"), transposed=same("theta_neg"), extra=same("theta_t", "theta_neg"),
         one_d=same("e_c", "theta_t")),
    Case("embedding_learning.negative_sampling_distribution", lambda: {"counts": np.array([10.0, 1.0, 0.0, 5.0]), "power": 0.75},
         nan=same("counts", "power"), one_d=same("counts")),
    Case("embedding_learning.glove_loss", lambda: {**glove(), "x_max": 3.0, "alpha": 0.75},
         rank1=same("X", "theta", "e"), transposed=same("theta", "e"), extra=same("X", "e", "b", "b_prime"),
         nan=same("x_max", "alpha"), one_d=same("b", "b_prime")),
    Case("embedding_learning.skipgram_batch_loss",
         lambda: {"E": r(73).standard_normal((4, 3)), "theta": r(74).standard_normal((4, 3)), "contexts": np.array([0, 1, 3]),
                  "targets": np.array([1, 1, 2]), "negatives": np.array([[2, 3], [0, 0], [1, 3]])},
         rank1=same("E", "theta"), transposed=same("E", "theta"), extra=same("E", "targets"), one_d=same("contexts", "targets")),
    # training skip-gram on a corpus
    Case("skipgram.build_vocabulary", lambda: {"text": "The cat saw the dog. The dog ran.", "min_count": 2}),
    Case("skipgram.skipgram_pairs", lambda: {"ids": np.array([0, 2, 1, 0, 2]), "window": 2}, one_d=same("ids")),
    Case("skipgram.train_skipgram",
         lambda: {"ids": np.array([0, 1, 0, 2, 1, 0, 3, 0]), "counts": np.array([4.0, 2.0, 1.0, 1.0]), "rng": rng(), "n_e": 3,
                  "window": 1, "k": 2, "epochs": 2, "learning_rate": 0.1, "batch_size": 4, "subsample": 0.0},
         nan=same("counts", "learning_rate", "subsample"), one_d=same("ids", "counts")),
    Case("skipgram.nearest_neighbours",
         lambda: {"word": "b", "E": r(75).standard_normal((4, 2)), "words": ["a", "b", "c", "d"], "n": 2},
         rank1=same("E"), transposed=same("E"), nan=same("E")),
    # sequence to sequence
    Case("sequence_decoding.beam_search",
         lambda: {"next_log_probs": next_log_probs, "beam_width": 2, "max_length": 4, "end_token": 2, "alpha": 0.7},
         nan=same("alpha", "beam_width", "end_token")),
    Case("sequence_decoding.modified_precision",
         lambda: {"candidate": "the the the cat".split(), "references": ["the cat is here".split()], "n": 1}),
    Case("sequence_decoding.bleu_score",
         lambda: {"candidate": "the cat is on the mat".split(), "references": ["the cat is on a mat".split()], "max_n": 2},
         nan=same("max_n")),
    Case("sequence_decoding.ctc_loss", lambda: {**ctc(), "blank": 0}, rank1=same("log_probs"), nan=same("log_probs", "blank")),
    Case("sequence_decoding.ctc_collapse", lambda: {"tokens": list("tt_h_eee___ ___qq"), "blank": "_"},
         none_ok=("blank",)),  # any hashable token may be the blank, None too
    # attention: (m, T_x, n_a2) activations, an (m, n_s) decoder state
    Case("attention.one_step_attention_forward", attention,
         rank1=same("a", "s_prev", "parameters.W1", "parameters.W2"), transposed=same("s_prev", "parameters.W1", "parameters.W2"),
         extra=same("s_prev", "parameters.b1"), missing=same("parameters.W1", "parameters.b2")),
    Case("attention.one_step_attention_backward", attention_cache,
         rank1={"dcontext": "dcontext", "cache.0": "a", "cache.4": "alphas"}, transposed={"dcontext": "dcontext", "cache.2": "h"},
         extra={"dcontext": "dcontext", "cache.3": "e"}, missing={"cache.5.W2": "W2"}),
    # the date translator: (m, T_x, n_x) one-hot inputs, batch first as in the course
    Case("date_data.load_dataset", lambda: {"m": 3, "rng": rng()}, nan=same("m")),
    Case("date_data.string_to_int", lambda: {"string": "3 May, 1979", "length": 12, "vocab": dates()["human_vocab"]},
         nan=same("length")),
    Case("date_data.preprocess_data", lambda: {**dates(), "Tx": 12, "Ty": 10}, nan=same("Tx", "Ty")),
    Case("date_translator.initialize_translator",
         lambda: {"n_x": 5, "n_y": 3, "rng": rng(), "n_a": 2, "n_s": 3, "n_e": 2}, nan=same("n_x", "n_y", "n_a")),
    Case("date_translator.translator_forward", lambda: {"Xoh": translator_input(), "parameters": translator(), "Ty": 3},
         rank1=same("Xoh", "parameters.forward.Wf", "parameters.attention.W1", "parameters.post.Wy"),
         transposed=same("parameters.attention.W1", "parameters.post.Wy"),
         extra=same("parameters.attention.b1", "parameters.post.Wy"), nan=same("Xoh", "parameters.post.Wy", "Ty"),
         missing=same("parameters.attention.W2", "parameters.post.by", "parameters.backward")),
    Case("date_translator.translator_backward", translator_cache,
         rank1=same("dY_hat"), transposed=same("dY_hat"), extra=same("dY_hat")),  # a NaN propagates
    Case("date_translator.translator_cost",
         lambda: {"Y_hat": np.full((2, 3, 4), 1 / 4), "Yoh": translator_targets()},
         rank1=same("Y_hat", "Yoh"), extra=same("Yoh"), nan=same("Yoh")),
    Case("date_translator.train_translator",
         lambda: {"Xoh": translator_input(), "Yoh": translator_targets(), "parameters": translator(), "rng": rng(),
                  "epochs": 1, "batch_size": 2, "learning_rate": 0.01},
         rank1=same("Xoh", "Yoh"), extra=same("Yoh"), nan=same("Xoh", "Yoh", "learning_rate"),
         missing=same("parameters.post.Wy")),
    Case("date_translator.translate",
         lambda: {"dates": ["3 May 1979", "5/3/79"], "parameters": translator(42, 11), "Tx": 12, "Ty": 4},
         nan=same("Tx", "Ty"), missing=same("parameters.post.Wy")),
    Case("date_translator.load_translator", translator_file),
    # transformers: (batch, seq_len, d); masks hold 1 = keep, 0 = masked, and None means no mask
    Case("transformer.get_angles", lambda: {"pos": np.arange(3.0)[:, None], "k": np.arange(4.0)[None, :], "d": 4},
         rank1=same("pos", "k"), transposed=same("pos", "k"), extra=same("k"), nan=same("pos", "k", "d")),
    Case("transformer.positional_encoding", lambda: {"positions": 3, "d": 4}, nan=same("positions", "d")),
    Case("transformer.create_padding_mask", lambda: {"decoder_token_ids": np.array([[3, 1, 0], [2, 0, 0]])},
         rank1=same("decoder_token_ids")),
    Case("transformer.create_look_ahead_mask", lambda: {"sequence_length": 3}, nan=same("sequence_length")),
    Case("transformer.scaled_dot_product_attention", qkv, none_ok=("mask",),
         rank1=same("q", "k", "v", "mask"), transposed=same("q", "k", "v"), extra=same("q", "k", "mask"), nan=same("mask")),
    Case("transformer.scaled_dot_product_attention_backward", qkv_backward,
         rank1=same("d_output", "q", "attention_weights"), transposed=same("d_output", "k", "attention_weights"),
         extra=same("d_output", "v", "attention_weights")),
    Case("transformer_encoder.multi_head_attention_forward", mha, none_ok=("mask",),
         rank1=same("q_in", "k_in", "mask", "parameters.Wq"), transposed=same("q_in", "v_in", "mask"),
         extra=same("q_in", "k_in", "mask", "parameters.bo"), nan=same("mask", "num_heads"), missing=same("parameters.Wv", "parameters.bk")),
    Case("transformer_encoder.multi_head_attention_backward", mha_backward,
         rank1={"d_out": "d_out", "cache.Q": "Q", "cache.concat": "concat"}, transposed=same("d_out"), extra=same("d_out"),
         missing={"cache.p": "cache", "cache.A": "cache", "cache.p.Wk": "Wk"}),
    Case("transformer_encoder.layer_norm_forward", lambda: {"x": tokens(42), **ln(43), "epsilon": 1e-6},
         rank1=same("x"), transposed=same("x"), extra=same("gamma", "beta"), nan=same("epsilon"), one_d=same("gamma", "beta")),
    Case("transformer_encoder.layer_norm_backward", ln_backward, rank1=same("d_out"), transposed=same("d_out"), extra=same("d_out")),
    Case("transformer_encoder.ffn_forward", lambda: {"x": tokens(44), "parameters": ffn_parameters(45)},
         rank1=same("x", "parameters.W1"), transposed=same("x", "parameters.W2"), extra=same("x", "parameters.b1"),
         missing=same("parameters.W1", "parameters.b2")),
    Case("transformer_encoder.ffn_backward", ffn_backward, rank1=same("d_out"), transposed=same("d_out"), extra=same("d_out"),
         missing={"cache.2.W2": "W2"}),
    Case("transformer_encoder.encoder_layer_forward", encoder, none_ok=("mask",),
         rank1=same("x", "mask"), transposed=same("x", "mask"),
         extra=same("x", "mask", "parameters.ffn.b2"), nan=same("mask", "epsilon"),
         missing={"parameters.ln2": "ln2", "parameters.ln1.beta": "beta", "parameters.mha.Wo": "Wo"}),
    Case("transformer_encoder.encoder_layer_backward", encoder_backward,
         rank1=same("d_out"), transposed=same("d_out"), extra=same("d_out")),
    Case("transformer_decoder.decoder_layer_forward", decoder, none_ok=("look_ahead_mask", "padding_mask"),
         rank1=same("x", "enc_output", "look_ahead_mask", "padding_mask"), transposed=same("x", "enc_output", "padding_mask"),
         extra=same("x", "enc_output", "padding_mask"), nan=same("look_ahead_mask", "padding_mask", "epsilon"),
         missing={"parameters.mha2": "mha2", "parameters.ln3.gamma": "gamma"}),
    Case("transformer_decoder.decoder_layer_backward", decoder_backward,
         rank1=same("d_out"), transposed=same("d_out"), extra=same("d_out")),
    Case("transformer_decoder.transformer_forward", transformer,
         rank1=same("input_ids", "target_ids", "parameters.enc_embedding", "parameters.W_out"),
         transposed=same("parameters.W_out"), extra={"parameters.W_out": "b_out", "parameters.dec_embedding": "dec_embedding"},
         missing=same("parameters.W_out", "parameters.encoder", "parameters.dec_embedding")),
]
