//! `App::update` without a terminal: navigation, tabs, sorting, filters,
//! the layer stack, undo/redo through the store, and reloads.

use ratatui::crossterm::event::KeyCode;

use crate::model::{Entry, Kind, Op, Person, PersonId, Weight};
use crate::store::serialize_book;
use crate::tui::app::{App, Tab};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Key;
use crate::tui::panes::lists::{Order, WeightFilter};
use crate::tui::save::Then;
use crate::tui::test_support::{Fixture, Top, fixture, today};

fn name(app: &App) -> String {
    let id = app.selected_person().expect("someone is selected");
    app.person(id).unwrap().name.clone()
}

fn names(app: &App) -> Vec<String> {
    app.lists()
        .people
        .iter()
        .map(|id| app.person(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn moves_through_the_list_and_stops_at_the_ends() {
    let mut app = fixture().app;
    let list = names(&app);
    assert_eq!(list.len(), 11, "the archived person is left out");
    assert_eq!(name(&app), list[0]);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(name(&app), list[2]);
    app.update(Action::Up);
    assert_eq!(name(&app), list[1]);
    app.update(Action::Bottom);
    assert_eq!(name(&app), list[10]);
    app.update(Action::Down);
    assert_eq!(name(&app), list[10], "stays on the last");
    app.update(Action::Top);
    app.update(Action::Up);
    assert_eq!(name(&app), list[0], "stays on the first");
    app.update(Action::PageDown);
    assert_eq!(
        name(&app),
        list[1],
        "a page is one row before the first draw"
    );
}

#[test]
fn keys_go_through_the_keymap() {
    let mut app = fixture().app;
    let list = names(&app);
    app.handle_key(Key::char('j'));
    app.handle_key(Key::plain(KeyCode::Down));
    assert_eq!(name(&app), list[2]);
    app.handle_key(Key::char('G'));
    assert_eq!(name(&app), list[10]);
    app.handle_key(Key::char('3'));
    assert_eq!(app.tab, Tab::Coffee);
    app.handle_key(Key::ctrl('c'));
    assert!(app.quit);
}

#[test]
fn tabs_cycle_both_ways_and_jump_by_number() {
    let mut app = fixture().app;
    assert_eq!(app.tab, Tab::People);
    app.update(Action::NextTab);
    assert_eq!(app.tab, Tab::Timeline);
    app.update(Action::NextTab);
    app.update(Action::NextTab);
    assert_eq!(app.tab, Tab::Review);
    app.update(Action::NextTab);
    assert_eq!(app.tab, Tab::Intros);
    app.update(Action::NextTab);
    assert_eq!(app.tab, Tab::People, "wraps around");
    app.update(Action::PrevTab);
    assert_eq!(app.tab, Tab::Intros);
    app.update(Action::GoTo(Tab::Coffee));
    assert_eq!(app.tab, Tab::Coffee);
}

#[test]
fn each_tab_keeps_its_own_selection() {
    let mut app = fixture().app;
    app.update(Action::Down);
    let person = name(&app);
    app.update(Action::GoTo(Tab::Timeline));
    app.update(Action::Bottom);
    app.update(Action::GoTo(Tab::People));
    assert_eq!(name(&app), person);
}

#[test]
fn sort_cycles_through_four_orders_keeping_the_selection() {
    let mut app = fixture().app;
    assert_eq!(app.view.sort.by, Order::Attention);
    // Due first, longest overdue first: Bruno's open promise is 16 days old,
    // Farah's follow-up 6 days overdue; then the longest quiet (Jules, June).
    let list = names(&app);
    assert_eq!(list[..3], ["Bruno Costa", "Farah Haddad", "Jules Martin"]);
    app.update(Action::Down);
    let kept = name(&app);
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort.by, Order::Name);
    assert_eq!(names(&app)[..3], ["Ana Lima", "Bruno Costa", "Chen Wei"]);
    assert_eq!(name(&app), kept, "the selection stays on the same person");
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort.by, Order::LastContact);
    assert_eq!(names(&app)[0], "Hana Sato", "contacted yesterday");
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort.by, Order::Deeds);
    assert_eq!(
        names(&app)[..2],
        ["Gus Larsen", "Ana Lima"],
        "4 deeds, then 3"
    );
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort.by, Order::Attention);
}

#[test]
fn timeline_is_newest_first_and_filters_by_weight_and_person() {
    let mut app = fixture().app;
    app.update(Action::GoTo(Tab::Timeline));
    let dates: Vec<_> = app
        .lists()
        .timeline
        .iter()
        .map(|i| app.book().entries[*i].date)
        .collect();
    assert!(dates.is_sorted_by(|a, b| a >= b), "newest first");
    assert_eq!(dates.len(), 25);
    let weight_of = |app: &App, i: &usize| app.kinds().weight(&app.book().entries[*i].kind);

    app.update(Action::CycleWeight);
    assert_eq!(app.view.weight, WeightFilter::Deeds);
    assert!(!app.lists().timeline.is_empty());
    assert!(
        app.lists()
            .timeline
            .iter()
            .all(|i| weight_of(&app, i) == Weight::Deed)
    );
    app.update(Action::CycleWeight);
    assert!(
        app.lists()
            .timeline
            .iter()
            .all(|i| weight_of(&app, i) == Weight::Touch)
    );
    app.update(Action::CycleWeight);
    assert_eq!(app.lists().timeline.len(), 25);

    // The newest entry is Hana's call: `p` keeps only her entries.
    app.update(Action::TogglePerson);
    let hana = PersonId(8);
    assert_eq!(app.view.who, Some(hana));
    assert_eq!(app.lists().timeline.len(), 2);
    assert!(
        app.lists()
            .timeline
            .iter()
            .all(|i| app.book().entries[*i].names(hana))
    );
    app.update(Action::TogglePerson);
    assert_eq!((app.view.who, app.lists().timeline.len()), (None, 25));
}

#[test]
fn enter_opens_the_card_and_esc_goes_back() {
    let mut app = fixture().app;
    app.update(Action::GoTo(Tab::Coffee));
    let first = app.lists().coffee[0];
    app.update(Action::Open);
    assert_eq!(app.on_top(), Top::Card(first));
    app.update(Action::Down);
    assert_eq!(
        app.lists().coffee[0],
        first,
        "keys go to the card, not the list"
    );
    app.update(Action::Help);
    assert_eq!(app.on_top(), Top::Help);
    app.update(Action::Back);
    assert_eq!(app.on_top(), Top::Card(first));
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(
        app.stack_kinds(),
        [Top::Panes],
        "Esc never pops the normal mode"
    );
}

fn coffee_with(app: &App, who: u32) -> Op {
    let _ = app;
    Op::AddEntry(Entry::new(
        today(),
        vec![PersonId(who.into())],
        Kind::new("favor"),
        "sent an intro",
    ))
}

#[test]
fn a_commit_lands_on_disk_and_undo_redo_are_commits_too() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = fixture();
    app.update(Action::GoTo(Tab::Coffee));
    let chen = PersonId(3);
    assert!(app.lists().coffee.contains(&chen));
    app.commit(
        coffee_with(&app, 3),
        "logged a favor for Chen",
        Then::Nothing,
    );
    let on_disk = || std::fs::read_to_string(&path).unwrap();
    assert!(on_disk().contains("sent an intro"));
    assert!(!app.lists().coffee.contains(&chen), "the index was rebuilt");
    assert_eq!(app.status.as_ref().unwrap().text, "logged a favor for Chen");

    app.update(Action::Undo);
    assert!(!on_disk().contains("sent an intro"));
    assert!(app.lists().coffee.contains(&chen));
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "undone: logged a favor for Chen"
    );

    app.update(Action::Redo);
    assert!(on_disk().contains("sent an intro"));
    app.update(Action::Redo);
    assert_eq!(app.status.as_ref().unwrap().text, "nothing to redo");
}

#[test]
fn a_failed_commit_says_why_and_changes_nothing() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = fixture();
    let before = std::fs::read(&path).unwrap();
    app.commit(coffee_with(&app, 99), "logged", Then::Nothing);
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text.contains("p99"), "{status:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    app.update(Action::Undo);
    assert_eq!(app.status.unwrap().text, "nothing to undo");
}

#[test]
fn a_reload_keeps_the_selection_on_the_same_person() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = fixture();
    app.update(Action::CycleSort); // by name
    app.update(Action::Top);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(name(&app), "Chen Wei");
    // Another process adds someone who sorts first.
    let mut book = app.book().clone();
    Op::AddPerson(Person::new(PersonId(0), "Aaron Abel"))
        .apply(&mut book)
        .unwrap();
    std::fs::write(&path, serialize_book(&book)).unwrap();
    assert!(app.store().changed_on_disk());
    app.update(Action::Reload);
    assert_eq!(names(&app)[0], "Aaron Abel");
    assert_eq!(name(&app), "Chen Wei");
    assert!(!app.store().changed_on_disk());
}

#[test]
fn a_reload_that_fails_keeps_the_book_and_never_writes() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = fixture();
    std::fs::write(&path, "(version: 1, people: [oops").unwrap();
    app.update(Action::Reload);
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("kith.ron:1:"),
        "{status:?}"
    );
    assert_eq!(names(&app).len(), 11, "the last good book stays");
    app.commit(coffee_with(&app, 1), "logged", Then::Nothing);
    assert!(app.status.as_ref().unwrap().error);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(version: 1, people: [oops",
        "a broken file is never written over"
    );
}

#[test]
fn colour_is_off_for_no_color_and_dumb_terminals() {
    use std::ffi::OsString;
    let os = |s: &str| Some(OsString::from(s));
    assert!(crate::tui::wants_color(None, os("xterm-256color")));
    assert!(
        crate::tui::wants_color(os(""), None),
        "an empty NO_COLOR is unset"
    );
    assert!(!crate::tui::wants_color(os("1"), os("xterm")));
    assert!(!crate::tui::wants_color(None, os("dumb")));
}

#[test]
fn a_long_status_message_takes_the_counts_room_and_is_cut_between_words() {
    let mut app = fixture().app;
    app.status = Some(crate::tui::app::Status {
        text: "logged a message to Sam Taylor, today: reached out (u undoes it)".into(),
        error: false,
    });
    let screen = crate::tui::test_support::draw(&app, 80, 24);
    let line = screen.lines().nth(22).unwrap();
    assert!(
        line.contains("(u undoes it)"),
        "whole, without the counts: {line:?}"
    );
    assert!(!line.contains("entries"), "{line:?}");
    let narrow = crate::tui::test_support::draw(&app, 60, 16);
    let line = narrow.lines().nth(14).unwrap().trim_end();
    assert!(line.ends_with('…'), "{line:?}");
    let last = line.trim_end_matches('…').split(' ').next_back().unwrap();
    assert!(
        "logged a message to Sam Taylor, today: reached out (u undoes it)"
            .split(' ')
            .any(|w| w == last),
        "cut after a whole word: {line:?}"
    );
}

#[test]
fn wide_text_on_a_card_is_cut_by_display_width_never_over_the_border() {
    use crate::tui::ui::kit::wrap_lines;
    use ratatui::text::Line;
    let lines = wrap_lines(vec![Line::raw("Junior designer · Kumo 株式会社")], 30);
    let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    assert!(widths.iter().all(|w| *w <= 30), "{widths:?}");
    assert_eq!(lines.len(), 2);
    let lines = wrap_lines(vec![Line::raw("aaaa bbbb cccc")], 9);
    let texts: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(texts, ["aaaa bbbb", "cccc"], "breaks after a space");
    let long = wrap_lines(vec![Line::raw("abcdefghij")], 4);
    assert_eq!(long.len(), 3, "a word wider than a line is cut inside");
}

#[test]
fn x_on_a_card_row_marks_that_promise_done() {
    let mut f = crate::tui::test_support::fixture();
    let bruno = f.select("Bruno Costa");
    f.keys(&[crate::tui::keys::keymap::Key::plain(
        ratatui::crossterm::event::KeyCode::Enter,
    )]);
    let promise = f.app.index().facts(bruno).entries[0];
    assert!(
        f.app.book().entries[promise].is_open_promise(),
        "his newest entry is an open promise"
    );
    let id = f.app.book().entries[promise].id;
    f.type_str("x");
    assert!(
        !f.file().entry(id).unwrap().done,
        "before moving onto the rows, x acts on no row"
    );
    // j then k: onto the rows, back to the first; x marks it done.
    f.type_str("jkx");
    assert!(f.file().entry(id).unwrap().done, "done, on disk");
}

#[test]
fn e_on_a_card_row_edits_that_entry_and_esc_leaves_the_rows_first() {
    use crate::tui::keys::keymap::Key;
    use crate::tui::test_support::Top;
    use ratatui::crossterm::event::KeyCode;
    let mut f = crate::tui::test_support::fixture();
    f.select("Bruno Costa");
    f.keys(&[Key::plain(KeyCode::Enter)]);
    f.type_str("e");
    assert_eq!(f.app.on_top(), Top::Form, "e on the card: the person");
    f.keys(&[Key::plain(KeyCode::Esc)]);
    f.type_str("jke");
    assert_eq!(f.app.on_top(), Top::Capture, "on a row: that entry");
    let line = f.app.capture_state().unwrap().field.value().to_string();
    assert!(line.contains("intro to Ivan"), "{line}");
    f.keys(&[Key::plain(KeyCode::Esc)]);
    f.keys(&[Key::plain(KeyCode::Esc)]);
    assert!(
        matches!(f.app.on_top(), Top::Card(_)),
        "Esc leaves the rows, the card stays"
    );
    f.keys(&[Key::plain(KeyCode::Esc)]);
    assert_eq!(f.app.on_top(), Top::Panes);
}

#[test]
fn a_popup_over_wide_text_leaves_no_half_character_beside_it() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    buf.set_string(0, 0, "王芳王芳王", ratatui::style::Style::default());
    // The popup starts on the second half of 芳 (columns 2-3).
    crate::tui::ui::kit::clear_popup(Rect::new(3, 0, 4, 1), &mut buf);
    assert_eq!(
        buf[(2, 0)].symbol(),
        " ",
        "the cut 芳 is gone, not half drawn"
    );
    assert_eq!(buf[(0, 0)].symbol(), "王", "what is whole stays");
}

/// The selected row is one even bar: every cell of it across its pane is
/// reversed in the same colours (reverse video over cells of their own
/// colours made a patchwork: the due marker, the name, the counts each a
/// different bar).
#[test]
fn the_selected_row_is_one_even_bar() {
    let mut f = crate::tui::test_support::demo_fixture();
    let app = &mut f.app;
    app.color = true;
    app.want_intros();
    for tab in [Tab::People, Tab::Timeline, Tab::Intros] {
        app.update(Action::GoTo(tab));
        app.update(Action::Down);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let reversed = |x: u16, y: u16| {
            buffer[(x, y)]
                .style()
                .add_modifier
                .contains(ratatui::style::Modifier::REVERSED)
        };
        // The selected row: the first row with a reversed cell in the first pane.
        let y = (1..40)
            .find(|y| (1..40).any(|x| reversed(x, *y)))
            .unwrap_or_else(|| {
                panic!(
                    "{tab:?}: a selected row\n{}",
                    crate::tui::test_support::draw(app, 120, 40)
                )
            });
        // The second half of a wide character (a Korean name) is drawn
        // by its first: it is part of the bar, whatever its own style.
        let trailing = |x: u16| {
            x > 0 && unicode_width::UnicodeWidthStr::width(buffer[(x - 1, y)].symbol()) == 2
        };
        let first = (0..120).find(|x| reversed(*x, y)).unwrap();
        let last = (first..120)
            .take_while(|x| reversed(*x, y) || trailing(*x))
            .last()
            .unwrap();
        let style = buffer[(first, y)].style();
        for x in (first..=last).filter(|x| !trailing(*x)) {
            let cell = &buffer[(x, y)];
            assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
            assert_eq!(
                (cell.fg, cell.bg),
                (style.fg.unwrap_or_default(), style.bg.unwrap_or_default()),
                "{tab:?}: cell {x} ({:?}) of the selected row",
                cell.symbol()
            );
        }
        assert!(
            last - first > 30,
            "{tab:?}: the bar spans the pane: {first}..{last}"
        );
    }
}
