//! Finding people: the search's ranking table and typo tolerance, and the
//! introductions engine on labelled books. One binary for all of them, so the
//! suite links kith once here, not once per file.

mod intros;
mod once;
mod ranking;
mod typos;
