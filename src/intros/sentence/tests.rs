use super::*;

/// The reference: sentence-transformers' own embeddings
/// (assets/model/encoder.py writes them).
const REFERENCE: &str = include_str!("../../../tests/fixtures/minilm_reference.txt");

fn reference() -> Vec<(String, Vec<f32>)> {
    let lines: Vec<&str> = REFERENCE.lines().filter(|l| !l.starts_with('#')).collect();
    lines
        .chunks_exact(2)
        .map(|pair| {
            let text: String = serde_json::from_str(pair[0]).expect("a JSON string");
            let v = pair[1]
                .split(' ')
                .map(|x| x.parse().expect("a number"))
                .collect();
            (text, v)
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn every_reference_sentence_means_what_sentence_transformers_says() {
    let enc = Encoder::bundled().expect("the bundled encoder loads");
    let refs = reference();
    assert_eq!(refs.len(), 30);
    let texts: Vec<&str> = refs.iter().map(|(t, _)| t.as_str()).collect();
    let got = enc.encode(&texts);
    let mut worst = (1.0f32, String::new());
    for ((text, want), got) in refs.iter().zip(&got) {
        assert_eq!(got.len(), 384);
        let c = cosine(want, got);
        if c < worst.0 {
            worst = (c, text.clone());
        }
    }
    assert!(worst.0 >= 0.999, "cosine {} for {:?}", worst.0, worst.1);
}

#[test]
fn one_sentence_alone_means_what_it_means_in_a_batch() {
    let enc = Encoder::bundled().unwrap();
    let refs = reference();
    let texts: Vec<&str> = refs.iter().map(|(t, _)| t.as_str()).collect();
    let batch = enc.encode_fresh(&texts);
    assert_eq!(enc.encode(&texts), batch, "the memo holds what was run");
    for (text, b) in texts.iter().zip(&batch) {
        assert!(cosine(&enc.encode_one(text), b) > 0.99999, "{text:?}");
    }
}

#[test]
fn the_bundled_encoder_is_the_one_recorded() {
    assert_eq!(crate::intros::meaning::sha256_hex(BUNDLED), SHA256);
    let sums = include_str!("../../../assets/model/SHA256SUMS");
    assert!(
        sums.contains(&format!(
            "{SHA256}  assets/model/kith-minilm-l6-f16.safetensors"
        )),
        "SHA256SUMS records the encoder"
    );
}

#[test]
fn a_corrupt_or_truncated_file_is_refused_with_its_reason() {
    let mut bytes = BUNDLED.to_vec();
    bytes[1000] ^= 1;
    assert!(matches!(
        Encoder::load(&bytes),
        Err(EncoderError::Checksum { .. })
    ));
    let copy = |w: &[u8]| Cow::Owned(w.to_vec());
    assert!(matches!(
        Encoder::read(&BUNDLED[..BUNDLED.len() / 2], copy),
        Err(EncoderError::Format(_))
    ));
    assert!(matches!(
        Encoder::read(b"kith", copy),
        Err(EncoderError::Format(_))
    ));
}

#[test]
fn text_is_read_as_bert_reads_it() {
    let enc = Encoder::bundled().unwrap();
    let [cls, sep, unk] = enc.special;
    assert_eq!(enc.tokens(""), [cls, sep]);
    let t = enc.tokens("Kubernetes 😀");
    assert_eq!((t[0], t[t.len() - 1], t[t.len() - 2]), (cls, sep, unk));
    assert!(t.len() > 4, "Kubernetes is cut into pieces: {t:?}");
    let long = "word ".repeat(1000);
    assert_eq!(enc.tokens(&long).len(), MAX_TOKENS);
    assert_eq!(*enc.tokens(&long).last().unwrap(), sep);
}

#[test]
fn half_floats_widen_exactly() {
    use file::f16_to_f32;
    assert_eq!(f16_to_f32(0x3c00), 1.0);
    assert_eq!(f16_to_f32(0xc000), -2.0);
    assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
    assert_eq!(f16_to_f32(0x7bff), 65504.0);
    assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
    assert!(f16_to_f32(0x7e00).is_nan());
}
