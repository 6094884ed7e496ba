//! `App::update` without a terminal, one file per part of the TUI.

mod archived;
mod capture;
mod card;
mod conflict_copies;
mod filter;
mod finder;
mod form;
mod go_to;
mod inbox;
mod intros;
mod keymap_config;
mod navigation;
mod people_edit;
mod review;
mod saving;
mod status_bar;
