//! Sample books: a synthetic one of any size for tests and benchmarks.

mod generate;
mod words;

pub use generate::generate;
