//! What a phrase means, as a direction in 128 dimensions: a static word
//! embedding (model2vec) distilled offline from the open sentence model
//! all-MiniLM-L6-v2 and shipped inside kith (assets/model/, rebuilt by
//! assets/model/distill.py). A phrase is the mean of its WordPiece tokens'
//! rows, normalised; two phrases mean alike as far as their cosine is high.
//!
//! Nothing is downloaded: the model is compiled into the binary and checked
//! against its sha256 when first used. If it does not check out (or
//! `KITH_MODEL` names a file that is missing or corrupt), [`shared`] says
//! why and the matcher works from words alone.

mod file;
#[cfg(test)]
mod tests;
pub(crate) mod wordpiece;

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The model compiled into kith, and its sha256 (assets/model/README.md).
const BUNDLED: &[u8] = include_bytes!("../../../assets/model/kith-minilm-128.safetensors");
pub const SHA256: &str = "aa9034aa4a03626889e52451c8ebb13133a87f6b75e36e9b912746842bdfee2b";

/// Why the model cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("the word-meaning model {0} cannot be read: {1}")]
    Missing(String, String),
    #[error("the word-meaning model is corrupt (sha256 {found}, expected {SHA256})")]
    Checksum { found: String },
    #[error("the word-meaning model is not in kith's format: {0}")]
    Format(String),
}

/// A loaded model: one row per token of its vocabulary.
pub struct Meaning {
    dims: usize,
    /// int8 rows; one scale for all, which a direction does not need.
    table: Vec<i8>,
    vocab: HashMap<Box<str>, u32>,
}

/// A phrase's meaning: unit length, or all zeros for a phrase with no known
/// token.
pub type Vector = Vec<f32>;

impl Meaning {
    /// Reads a model from the bytes of its file, which must have the sha256
    /// kith was built with.
    pub fn load(bytes: &[u8]) -> Result<Meaning, ModelError> {
        let p = file::parse(bytes, SHA256)?;
        Ok(Meaning {
            dims: p.dims,
            table: p.table,
            vocab: p.vocab,
        })
    }

    /// The model compiled into kith.
    pub fn bundled() -> Result<Meaning, ModelError> {
        Meaning::load(BUNDLED)
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The meaning of `text`: the mean of its tokens' rows, normalised.
    pub fn embed(&self, text: &str) -> Vector {
        let mut ids = Vec::new();
        for word in wordpiece::basic_words(text) {
            wordpiece::pieces(&self.vocab, &word, &mut ids);
        }
        let mut v = vec![0f32; self.dims];
        for id in ids {
            let row = &self.table[id as usize * self.dims..][..self.dims];
            for (a, b) in v.iter_mut().zip(row) {
                *a += f32::from(*b);
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

/// The sha256 of `bytes`, in hex (the encoder's check too).
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    file::sha256_hex(bytes)
}

/// How alike two meanings are: their cosine (both are unit length), 0 when
/// either is empty.
pub fn similarity(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The model every matcher shares, loaded once per process: the one named
/// by `KITH_MODEL` if set, else the bundled one.
pub fn shared() -> Result<&'static Meaning, &'static ModelError> {
    static MODEL: OnceLock<Result<Meaning, ModelError>> = OnceLock::new();
    MODEL
        .get_or_init(|| match std::env::var_os("KITH_MODEL") {
            Some(path) if !path.is_empty() => {
                let shown = path.to_string_lossy().into_owned();
                std::fs::read(&path)
                    .map_err(|e| ModelError::Missing(shown, e.to_string()))
                    .and_then(|b| Meaning::load(&b))
            }
            _ => Meaning::bundled(),
        })
        .as_ref()
}

/// What to tell the user, the first time a front end asks and only then,
/// when the shared model cannot be used: matching goes on by words alone.
pub fn take_warning() -> Option<String> {
    static TOLD: AtomicBool = AtomicBool::new(false);
    let e = shared().err()?;
    (!TOLD.swap(true, Ordering::Relaxed)).then(|| format!("{e}; matching by words alone"))
}
