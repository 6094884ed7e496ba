//! The model file: a safetensors file (an 8-byte little-endian header
//! length, a JSON header, then the tensors) holding an int8 table
//! `embeddings` [tokens × dims] and `vocab`, the tokens one a line in id
//! order; the table's scale is in the header's metadata. Checked against its
//! sha256 before anything is read from it.

use sha2::{Digest, Sha256};
use std::collections::HashMap;

use super::ModelError;
use crate::intros::safetensors::{Tensor, split};

/// The table, as stored (one scale for all rows, so directions need no
/// dequantising), and the vocabulary.
pub struct Parsed {
    pub dims: usize,
    pub table: Vec<i8>,
    pub vocab: HashMap<Box<str>, u32>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn parse(bytes: &[u8], sha256: &str) -> Result<Parsed, ModelError> {
    let found = sha256_hex(bytes);
    if found != sha256 {
        return Err(ModelError::Checksum { found });
    }
    let bad = |what: &str| ModelError::Format(what.to_string());
    let (mut header, data) = split(bytes).map_err(ModelError::Format)?;
    let meta = header.remove("__metadata__").unwrap_or_default();
    meta.get("scale")
        .and_then(|s| s.as_str())
        .and_then(|s| s.parse::<f32>().ok())
        .filter(|s| *s > 0.0)
        .ok_or_else(|| bad("no scale"))?;
    let tensor = |name: &str, header: &mut HashMap<String, serde_json::Value>| {
        let t: Tensor = header
            .remove(name)
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(|| bad(&format!("no tensor {name}")))?;
        let [from, to] = t.data_offsets;
        let slice = data
            .get(from..to)
            .ok_or_else(|| bad(&format!("{name} past the end")))?;
        Ok::<_, ModelError>((t, slice))
    };
    let (emb, table) = tensor("embeddings", &mut header)?;
    let (voc, vocab) = tensor("vocab", &mut header)?;
    let [rows, dims] = emb.shape[..] else {
        return Err(bad("embeddings are not a table"));
    };
    if emb.dtype != "I8" || voc.dtype != "U8" || table.len() != rows * dims || dims == 0 {
        return Err(bad("unexpected tensor types or sizes"));
    }
    let vocab = std::str::from_utf8(vocab).map_err(|_| bad("vocabulary is not UTF-8"))?;
    let vocab: HashMap<Box<str>, u32> = vocab
        .split('\n')
        .enumerate()
        .map(|(i, t)| (Box::from(t), i as u32))
        .collect();
    if vocab.len() != rows {
        return Err(bad("vocabulary and table differ in length"));
    }
    let table = table.iter().map(|b| *b as i8).collect();
    Ok(Parsed { dims, table, vocab })
}
