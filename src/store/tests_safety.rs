//! Tests of what the store refuses and what a save leaves on disk.
