//! The transformer's arithmetic: BERT's encoder as all-MiniLM-L6-v2 has it
//! (6 layers, 12 heads of 32, hidden 384, feed-forward 1536, exact GELU,
//! LayerNorm eps 1e-12), then the mean of the tokens, normalised. The dense
//! layers run on all the tokens of a batch at once, one matrix product each
//! (`matrixmultiply`); attention runs sentence by sentence, so no sentence
//! sees another's tokens and none needs padding.

pub const HIDDEN: usize = 384;
pub const HEADS: usize = 12;
pub const HEAD: usize = HIDDEN / HEADS;
pub const FFN: usize = 1536;
pub const LAYERS: usize = 6;
const EPS: f32 = 1e-12;

/// One encoder layer; every matrix is stored as the file has it, one row
/// per output ([out × in]).
pub struct Layer {
    /// Query, key and value stacked: [3·HIDDEN × HIDDEN].
    pub qkv: Vec<f32>,
    pub qkv_b: Vec<f32>,
    pub out: Vec<f32>,
    pub out_b: Vec<f32>,
    pub norm1: (Vec<f32>, Vec<f32>),
    pub up: Vec<f32>,
    pub up_b: Vec<f32>,
    pub down: Vec<f32>,
    pub down_b: Vec<f32>,
    pub norm2: (Vec<f32>, Vec<f32>),
}

pub struct Weights {
    /// Word rows as little-endian half floats, widened when a token is
    /// looked up: half the model, and most rows are never read (the bundled
    /// encoder's are borrowed from the binary, not copied).
    pub words: std::borrow::Cow<'static, [u8]>,
    pub positions: Vec<f32>,
    /// Token type 0's row (a sentence is one segment).
    pub segment: Vec<f32>,
    pub norm: (Vec<f32>, Vec<f32>),
    pub layers: Vec<Layer>,
}

/// `x` [rows × k] times `w`ᵀ ([n × k]) plus `b`: [rows × n].
fn linear(x: &[f32], rows: usize, k: usize, w: &[f32], b: &[f32]) -> Vec<f32> {
    let n = b.len();
    debug_assert_eq!(w.len(), n * k);
    debug_assert_eq!(x.len(), rows * k);
    let mut c: Vec<f32> = Vec::with_capacity(rows * n);
    for _ in 0..rows {
        c.extend_from_slice(b);
    }
    // SAFETY: the pointers and strides describe `x` [rows × k] row-major,
    // `w` read as its transpose [k × n], and `c` [rows × n], all in bounds
    // (checked above), and `c` is not aliased.
    unsafe {
        matrixmultiply::sgemm(
            rows,
            k,
            n,
            1.0,
            x.as_ptr(),
            k as isize,
            1,
            w.as_ptr(),
            1,
            k as isize,
            1.0,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
    c
}

/// Each row of `x` normalised to mean 0 and variance 1, then scaled.
fn layer_norm(x: &mut [f32], (gain, bias): &(Vec<f32>, Vec<f32>)) {
    for row in x.chunks_exact_mut(gain.len()) {
        let n = row.len() as f32;
        let mean = row.iter().sum::<f32>() / n;
        let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let inv = 1.0 / (var + EPS).sqrt();
        for ((v, g), b) in row.iter_mut().zip(gain).zip(bias) {
            *v = (*v - mean) * inv * g + b;
        }
    }
}

/// The error function, to 1.5e-7 (Abramowitz and Stegun 7.1.26).
fn erf(x: f32) -> f32 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let y = 1.0
        - t * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_8 + t * (-1.453_152 + t * 1.061_405_4))))
            * (-x * x).exp();
    y.copysign(x)
}

fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// Self-attention of one sentence's tokens (rows `from..to` of `qkv`) into
/// the same rows of `ctx`.
fn attend(qkv: &[f32], ctx: &mut [f32], from: usize, to: usize, scores: &mut Vec<f32>) {
    let len = to - from;
    let stride = 3 * HIDDEN;
    let scale = 1.0 / (HEAD as f32).sqrt();
    scores.clear();
    scores.resize(len * len, 0.0);
    for h in 0..HEADS {
        let q = &qkv[from * stride + h * HEAD..];
        let k = &qkv[from * stride + HIDDEN + h * HEAD..];
        let v = &qkv[from * stride + 2 * HIDDEN + h * HEAD..];
        // SAFETY: q, k and v are this sentence's rows of `qkv` (len rows of
        // stride 3·HIDDEN from `from`, HEAD columns from the head's
        // offset), within `qkv`; `scores` is len × len; the context is
        // written to HEAD columns of `ctx`'s rows `from..to`. No output
        // aliases an input.
        unsafe {
            matrixmultiply::sgemm(
                len,
                HEAD,
                len,
                scale,
                q.as_ptr(),
                stride as isize,
                1,
                k.as_ptr(),
                1,
                stride as isize,
                0.0,
                scores.as_mut_ptr(),
                len as isize,
                1,
            );
        }
        for row in scores.chunks_exact_mut(len) {
            let top = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut sum = 0.0;
            for s in row.iter_mut() {
                *s = (*s - top).exp();
                sum += *s;
            }
            row.iter_mut().for_each(|s| *s /= sum);
        }
        let out = &mut ctx[from * HIDDEN + h * HEAD..];
        // SAFETY: as above.
        unsafe {
            matrixmultiply::sgemm(
                len,
                len,
                HEAD,
                1.0,
                scores.as_ptr(),
                len as isize,
                1,
                v.as_ptr(),
                stride as isize,
                1,
                0.0,
                out.as_mut_ptr(),
                HIDDEN as isize,
                1,
            );
        }
    }
}

impl Weights {
    /// The unit-length meaning of each sentence, given as token ids (with
    /// `[CLS]` and `[SEP]`, none empty, none longer than the positions).
    pub fn run(&self, sentences: &[Vec<u32>]) -> Vec<Vec<f32>> {
        let rows: usize = sentences.iter().map(Vec::len).sum();
        let half = super::file::half_table();
        let mut x = Vec::with_capacity(rows * HIDDEN);
        for ids in sentences {
            for (p, id) in ids.iter().enumerate() {
                let word = &self.words[*id as usize * HIDDEN * 2..][..HIDDEN * 2];
                let pos = &self.positions[p * HIDDEN..][..HIDDEN];
                for ((w, p), s) in word.chunks_exact(2).zip(pos).zip(&self.segment) {
                    x.push(half[u16::from_le_bytes([w[0], w[1]]) as usize] + p + s);
                }
            }
        }
        layer_norm(&mut x, &self.norm);
        let mut bounds = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for ids in sentences {
            bounds.push((at, at + ids.len()));
            at += ids.len();
        }
        let mut scores = Vec::new();
        for layer in &self.layers {
            let qkv = linear(&x, rows, HIDDEN, &layer.qkv, &layer.qkv_b);
            let mut ctx = vec![0f32; rows * HIDDEN];
            for (from, to) in &bounds {
                attend(&qkv, &mut ctx, *from, *to, &mut scores);
            }
            let mut y = linear(&ctx, rows, HIDDEN, &layer.out, &layer.out_b);
            y.iter_mut().zip(&x).for_each(|(y, x)| *y += x);
            layer_norm(&mut y, &layer.norm1);
            let mut h = linear(&y, rows, HIDDEN, &layer.up, &layer.up_b);
            h.iter_mut().for_each(|v| *v = gelu(*v));
            let mut z = linear(&h, rows, FFN, &layer.down, &layer.down_b);
            z.iter_mut().zip(&y).for_each(|(z, y)| *z += y);
            layer_norm(&mut z, &layer.norm2);
            x = z;
        }
        bounds
            .iter()
            .map(|(from, to)| {
                let mut v = vec![0f32; HIDDEN];
                for row in x[from * HIDDEN..to * HIDDEN].chunks_exact(HIDDEN) {
                    v.iter_mut().zip(row).for_each(|(a, b)| *a += b);
                }
                let norm = v.iter().map(|a| a * a).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|a| *a /= norm);
                }
                v
            })
            .collect()
    }
}
