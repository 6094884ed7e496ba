//! The real binary in a pseudo-terminal (portable-pty + vt100): keys in, the
//! screen and the data file read back.

mod basics;
mod capture;
mod finder;
mod inbox;
mod intros;
mod people;
mod races;
mod review;
mod sync;
mod touches;
