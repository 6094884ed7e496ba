//! What a sentence means, in context: all-MiniLM-L6-v2 itself, the six-layer
//! sentence transformer, run inside kith (assets/model/, rebuilt by
//! assets/model/encoder.py). Where the static table ([`super::meaning`])
//! adds up words, this reads them together: "a crane to lift a hot tub" is
//! near "mobile lifting" and far from a solicitor named Crane.
//!
//! Nothing is downloaded: the weights are compiled into the binary
//! (`KITH_ENCODER` may name another copy, which must have the same sha256).
//! If they cannot be used, [`shared`] says why and the matcher goes on with
//! the static table and words.

mod file;
mod forward;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use super::meaning::wordpiece;
use file::Tensors;
use forward::{FFN, HIDDEN, LAYERS, Layer, Weights};

/// The encoder compiled into kith, and its sha256 (assets/model/SHA256SUMS).
const BUNDLED: &[u8] = include_bytes!("../../../assets/model/kith-minilm-l6-f16.safetensors");
pub const SHA256: &str = "bc1779bb26501471c0bb2e9afdd0c1d203d7557a51006c0c4dd538d441d7b0ac";

/// The longest input, in tokens with `[CLS]` and `[SEP]`: what
/// sentence-transformers gives this model; the rest is cut off.
pub const MAX_TOKENS: usize = 256;
/// Tokens run through the layers together: enough to fill the matrix
/// products, few enough to keep a batch's activations small.
const BATCH_TOKENS: usize = 2048;

/// Why the encoder cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EncoderError {
    #[error("the sentence encoder {0} cannot be read: {1}")]
    Missing(String, String),
    #[error("the sentence encoder is corrupt (sha256 {found}, expected {SHA256})")]
    Checksum { found: String },
    #[error("the sentence encoder is not in kith's format: {0}")]
    Format(String),
}

/// A loaded encoder.
pub struct Encoder {
    /// What each text encoded so far means: a book's phrases change little
    /// from one build of the matcher to the next (the TUI rebuilds it on
    /// every change), so each is run through the layers once per process.
    memo: Mutex<HashMap<Box<str>, Vec<f32>>>,
    weights: Weights,
    vocab: HashMap<Box<str>, u32>,
    /// `[CLS]`, `[SEP]`, `[UNK]`.
    special: [u32; 3],
}

impl Encoder {
    /// Reads an encoder from the bytes of a file, which must have the sha256
    /// kith was built with.
    pub fn load(bytes: &[u8]) -> Result<Encoder, EncoderError> {
        let found = super::meaning::sha256_hex(bytes);
        if found != SHA256 {
            return Err(EncoderError::Checksum { found });
        }
        Encoder::read(bytes, |words| Cow::Owned(words.to_vec()))
    }

    /// The encoder compiled into kith. Its bytes are pinned by a test
    /// (`the_bundled_encoder_is_the_one_recorded`), not hashed on each
    /// start: that would cost more than the whole load.
    pub fn bundled() -> Result<Encoder, EncoderError> {
        Encoder::read(BUNDLED, Cow::Borrowed)
    }

    /// Reads the tensors of `bytes`; `keep` keeps the word rows (borrowed
    /// when they live as long as kith, copied otherwise).
    fn read<'a>(
        bytes: &'a [u8],
        keep: impl FnOnce(&'a [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Encoder, EncoderError> {
        let t = Tensors::parse(bytes)?;
        // Widening the layers is most of a load: the second half of them
        // and the vocabulary on a second thread.
        let (vocab, layers) = std::thread::scope(|s| {
            let vocab = s.spawn(|| t.vocab());
            let late = s.spawn(|| layers(&t, LAYERS / 2..LAYERS));
            let mut early = layers(&t, 0..LAYERS / 2)?;
            let joined = |e| EncoderError::Format(format!("a loading thread failed: {e:?}"));
            early.extend(late.join().map_err(joined)??);
            Ok::<_, EncoderError>((vocab.join().map_err(joined)??, early))
        })?;
        let rows = vocab.len();
        let words = keep(t.f16("embeddings.word_embeddings.weight", &[rows, HIDDEN])?);
        let vec = |name: &str, n: usize| t.f32(name, &[n]);
        let norm = |name: &str| {
            Ok::<_, EncoderError>((
                vec(&format!("{name}.weight"), HIDDEN)?,
                vec(&format!("{name}.bias"), HIDDEN)?,
            ))
        };
        let mut segment = t.f32("embeddings.token_type_embeddings.weight", &[2, HIDDEN])?;
        segment.truncate(HIDDEN);
        let weights = Weights {
            words,
            positions: t.f32("embeddings.position_embeddings.weight", &[512, HIDDEN])?,
            segment,
            norm: norm("embeddings.LayerNorm")?,
            layers,
        };
        let id = |tok: &str| {
            vocab
                .get(tok)
                .copied()
                .ok_or_else(|| EncoderError::Format(format!("no {tok} in the vocabulary")))
        };
        let special = [id("[CLS]")?, id("[SEP]")?, id("[UNK]")?];
        Ok(Encoder {
            memo: Mutex::new(HashMap::new()),
            weights,
            vocab,
            special,
        })
    }

    /// `text` as the model reads it: `[CLS]`, its WordPiece tokens (`[UNK]`
    /// for a word with no cut), `[SEP]`, at most [`MAX_TOKENS`] in all.
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        let [cls, sep, unk] = self.special;
        let mut ids = vec![cls];
        for word in wordpiece::basic_words(text) {
            if !wordpiece::pieces(&self.vocab, &word, &mut ids) {
                ids.push(unk);
            }
            if ids.len() >= MAX_TOKENS {
                break;
            }
        }
        ids.truncate(MAX_TOKENS - 1);
        ids.push(sep);
        ids
    }

    /// What each text means: unit vectors of 384 numbers, in order. Texts
    /// met before are read from the memo; the rest run in batches.
    pub fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let mut new: Vec<&str> = texts
            .iter()
            .filter(|t| !memo.contains_key(**t))
            .copied()
            .collect();
        new.sort_unstable();
        new.dedup();
        for (text, v) in new.iter().zip(self.encode_fresh(&new)) {
            memo.insert(Box::from(*text), v);
        }
        texts
            .iter()
            .map(|t| memo.get(*t).cloned().unwrap_or_default())
            .collect()
    }

    /// [`Encoder::encode`] without the memo: every text through the layers
    /// (what a book's first build costs; `benches/encoder.rs`).
    pub fn encode_fresh(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let mut out = Vec::with_capacity(texts.len());
        let mut batch: Vec<Vec<u32>> = Vec::new();
        let mut tokens = 0;
        for text in texts {
            let ids = self.tokens(text);
            if tokens + ids.len() > BATCH_TOKENS && !batch.is_empty() {
                out.extend(self.weights.run(&batch));
                batch.clear();
                tokens = 0;
            }
            tokens += ids.len();
            batch.push(ids);
        }
        if !batch.is_empty() {
            out.extend(self.weights.run(&batch));
        }
        out
    }

    /// What one text means.
    pub fn encode_one(&self, text: &str) -> Vec<f32> {
        self.weights.run(&[self.tokens(text)]).remove(0)
    }
}

/// Layers `range` of the file, widened.
fn layers(t: &Tensors, range: std::ops::Range<usize>) -> Result<Vec<Layer>, EncoderError> {
    let vec = |name: &str, n: usize| t.f32(name, &[n]);
    let norm = |name: &str| {
        Ok::<_, EncoderError>((
            vec(&format!("{name}.weight"), HIDDEN)?,
            vec(&format!("{name}.bias"), HIDDEN)?,
        ))
    };
    let mut out = Vec::with_capacity(range.len());
    for l in range {
        let p = format!("encoder.layer.{l}");
        let mut qkv = Vec::with_capacity(3 * HIDDEN * HIDDEN);
        let mut qkv_b = Vec::with_capacity(3 * HIDDEN);
        for part in ["query", "key", "value"] {
            let name = format!("{p}.attention.self.{part}");
            qkv.extend(t.f32(&format!("{name}.weight"), &[HIDDEN, HIDDEN])?);
            qkv_b.extend(vec(&format!("{name}.bias"), HIDDEN)?);
        }
        out.push(Layer {
            qkv,
            qkv_b,
            out: t.f32(
                &format!("{p}.attention.output.dense.weight"),
                &[HIDDEN, HIDDEN],
            )?,
            out_b: vec(&format!("{p}.attention.output.dense.bias"), HIDDEN)?,
            norm1: norm(&format!("{p}.attention.output.LayerNorm"))?,
            up: t.f32(&format!("{p}.intermediate.dense.weight"), &[FFN, HIDDEN])?,
            up_b: vec(&format!("{p}.intermediate.dense.bias"), FFN)?,
            down: t.f32(&format!("{p}.output.dense.weight"), &[HIDDEN, FFN])?,
            down_b: vec(&format!("{p}.output.dense.bias"), HIDDEN)?,
            norm2: norm(&format!("{p}.output.LayerNorm"))?,
        });
    }
    Ok(out)
}

/// The encoder every matcher shares, loaded once per process: the one named
/// by `KITH_ENCODER` if set, else the bundled one.
pub fn shared() -> Result<&'static Encoder, &'static EncoderError> {
    static ENCODER: OnceLock<Result<Encoder, EncoderError>> = OnceLock::new();
    ENCODER
        .get_or_init(|| match std::env::var_os("KITH_ENCODER") {
            Some(path) if !path.is_empty() => {
                let shown = path.to_string_lossy().into_owned();
                std::fs::read(&path)
                    .map_err(|e| EncoderError::Missing(shown, e.to_string()))
                    .and_then(|b| Encoder::load(&b))
            }
            _ => Encoder::bundled(),
        })
        .as_ref()
}

/// What to tell the user, once, when the shared encoder cannot be used.
pub fn take_warning() -> Option<String> {
    static TOLD: AtomicBool = AtomicBool::new(false);
    let e = shared().err()?;
    (!TOLD.swap(true, Ordering::Relaxed))
        .then(|| format!("{e}; matching by words and the word table"))
}
