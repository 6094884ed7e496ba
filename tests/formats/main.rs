//! Files from and for other tools, through the library: every import format
//! over the fixtures in `tests/fixtures/`, and exports read back (vCard, a
//! vdir, iCalendar, CSV). One binary for all of them, so the suite links kith
//! once here, not once per file.

mod export_roundtrip;
mod import_files;
mod import_formats;
mod vdir_roundtrip;
