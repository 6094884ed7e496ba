//! The encoder's file: a safetensors file (an 8-byte little-endian header
//! length, a JSON header, then the tensors) holding MiniLM's tensors as
//! half floats under their Hugging Face names and `vocab`, the WordPiece
//! tokens one a line in id order (assets/model/encoder.py writes it).

use std::collections::HashMap;

use super::EncoderError;
use crate::intros::safetensors::{Tensor, split};

/// The tensors of a file, by name: their shape and raw little-endian bytes.
pub struct Tensors<'a> {
    header: HashMap<String, serde_json::Value>,
    data: &'a [u8],
}

fn bad(what: impl Into<String>) -> EncoderError {
    EncoderError::Format(what.into())
}

impl<'a> Tensors<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Tensors<'a>, EncoderError> {
        let (header, data) = split(bytes).map_err(EncoderError::Format)?;
        Ok(Tensors { header, data })
    }

    fn raw(
        &self,
        name: &str,
        dtype: &str,
        width: usize,
    ) -> Result<(Vec<usize>, &'a [u8]), EncoderError> {
        let t: Tensor = self
            .header
            .get(name)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .ok_or_else(|| bad(format!("no tensor {name}")))?;
        let [from, to] = t.data_offsets;
        let slice = self
            .data
            .get(from..to)
            .ok_or_else(|| bad(format!("{name} past the end")))?;
        let count: usize = t.shape.iter().product();
        if t.dtype != dtype || slice.len() != count * width {
            return Err(bad(format!("{name} is not {dtype} of its shape")));
        }
        Ok((t.shape, slice))
    }

    /// A half-float tensor of exactly `shape`, as its raw bytes.
    pub fn f16(&self, name: &str, shape: &[usize]) -> Result<&'a [u8], EncoderError> {
        let (found, bytes) = self.raw(name, "F16", 2)?;
        if found != shape {
            return Err(bad(format!("{name} has shape {found:?}, not {shape:?}")));
        }
        Ok(bytes)
    }

    /// A half-float tensor of exactly `shape`, widened.
    pub fn f32(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, EncoderError> {
        let bytes = self.f16(name, shape)?;
        let table = half_table();
        Ok(bytes
            .chunks_exact(2)
            .map(|b| table[u16::from_le_bytes([b[0], b[1]]) as usize])
            .collect())
    }

    /// The vocabulary, one token a line.
    pub fn vocab(&self) -> Result<HashMap<Box<str>, u32>, EncoderError> {
        let (_, bytes) = self.raw("vocab", "U8", 1)?;
        let text = std::str::from_utf8(bytes).map_err(|_| bad("vocabulary is not UTF-8"))?;
        Ok(text
            .split('\n')
            .enumerate()
            .map(|(i, t)| (Box::from(t), i as u32))
            .collect())
    }
}

/// Every half float's value, by its bits: widening is one look-up.
pub fn half_table() -> &'static [f32] {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..=u16::MAX).map(f16_to_f32).collect())
}

/// IEEE 754 binary16 to binary32, exactly (every half is a float).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f32::from(h & 0x3ff);
    match exp {
        0 => sign * frac * 2f32.powi(-24),
        0x1f if frac == 0.0 => sign * f32::INFINITY,
        0x1f => f32::NAN,
        _ => sign * (1.0 + frac / 1024.0) * 2f32.powi(exp - 15),
    }
}
