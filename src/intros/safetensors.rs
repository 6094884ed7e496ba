//! The layout both of kith's model files use (safetensors): an 8-byte
//! little-endian header length, a JSON header naming each tensor's dtype,
//! shape and byte range, then the tensors' bytes.

use serde::Deserialize;
use std::collections::HashMap;

/// One tensor as the header describes it.
#[derive(Deserialize)]
pub(super) struct Tensor {
    pub dtype: String,
    pub shape: Vec<usize>,
    pub data_offsets: [usize; 2],
}

/// The header, by name, and the bytes that follow it; or what is wrong.
pub(super) fn split(bytes: &[u8]) -> Result<(HashMap<String, serde_json::Value>, &[u8]), String> {
    let len = bytes
        .get(..8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()) as usize)
        .ok_or("shorter than its header")?;
    let header = bytes
        .get(8..8usize.saturating_add(len))
        .ok_or("header past the end")?;
    let header = serde_json::from_slice(header).map_err(|e| format!("header: {e}"))?;
    Ok((header, &bytes[8 + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_and_the_bytes_after_it_or_what_is_wrong() {
        let header = br#"{"t":{"dtype":"I8","shape":[2],"data_offsets":[0,2]}}"#;
        let mut file = (header.len() as u64).to_le_bytes().to_vec();
        file.extend_from_slice(header);
        file.extend_from_slice(&[7, 9]);
        let (h, data) = split(&file).unwrap();
        let t: Tensor = serde_json::from_value(h["t"].clone()).unwrap();
        assert_eq!(
            (t.dtype.as_str(), t.shape, t.data_offsets),
            ("I8", vec![2], [0, 2])
        );
        assert_eq!(data, &[7, 9]);
        assert_eq!(split(&file[..5]).unwrap_err(), "shorter than its header");
        assert_eq!(split(&file[..20]).unwrap_err(), "header past the end");
        file[8] = b'[';
        assert!(split(&file).unwrap_err().starts_with("header: "));
    }
}
