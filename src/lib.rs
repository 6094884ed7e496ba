//! kith: action-based networking. The library holds everything but the
//! terminal entry point, so tests and benchmarks use the same code as the binary.

pub mod capture;
pub mod charset;
pub mod config;
pub mod demo;
pub mod editor;
pub mod export;
pub mod import;
pub mod inbox;
pub mod intros;
pub mod model;
pub mod ron_text;
pub mod search;
pub mod store;
pub mod sync;
pub mod text;
pub mod touches;
pub mod tui;
pub mod vcard;
