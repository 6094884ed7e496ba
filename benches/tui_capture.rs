//! The capture popup's speed: a keystroke while an `@fragment` is typed
//! (parse + name dropdown), and Enter → the entry durable on disk.
//!
//! The terminal app saves on the saver's thread, so what freezes the screen
//! is only what the UI thread does: handling Enter (parse, hand the job over)
//! and, when the outcome is back, taking it in (swap the new book, index and
//! lists in, restore selections). Those two are timed apart ("UI thread");
//! "latency" is Enter → "saved" on screen (lock, atomic save with fsync,
//! index/lists/names derived on the saver's thread, taken in), during which
//! the screen stays live. "inline" is the same work all on the UI thread, as
//! before the saver had a thread: the freeze the thread removes.
//! Typical book 1,000 people / 5,000 entries; heavy 10,000 / 100,000.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use kith::config::Config;
use kith::store::{Store, write_book};
use kith::tui::Key;
use kith::tui::app::App;
use kith::tui::{Action, Keymap};
use ratatui::crossterm::event::KeyCode;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("capture popup");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for (name, people, entries) in [("typical", 1_000, 5_000), ("heavy", 10_000, 100_000)] {
        let path = dir.path().join(format!("{name}.ron"));
        let book = kith::demo::generate(people, entries, 7, today());
        let someone = book.people[people / 2].name.clone();
        let fragment: String = someone.chars().take(3).collect();
        write_book(&path, &book).unwrap();
        let (store, book) = Store::open(&path, today()).unwrap();
        let mut app = App::new(
            store,
            book,
            Config::default(),
            Keymap::default(),
            today(),
            false,
        );
        app.open_capture(None);
        for ch in format!("@{fragment}").chars() {
            app.handle_key(Key::char(ch));
        }
        g.bench_function(format!("{name}: keystroke in @fragment"), |b| {
            b.iter(|| {
                app.handle_key(Key::plain(KeyCode::Backspace));
                app.handle_key(Key::char(fragment.chars().last().unwrap()));
            })
        });
        app.update(Action::CaptureCancel);
        app.update(Action::Yes);
        let line = format!("@p{} favor: reviewed the deck -1d !+1w", people / 2);
        let type_line = |app: &mut App| {
            app.open_capture(None);
            for ch in line.chars() {
                app.handle_key(Key::char(ch));
            }
        };
        g.bench_function(format!("{name}: Enter inline → durable + rebuilt"), |b| {
            // Only the Enter is timed; typing the line is set-up.
            b.iter_custom(|n| {
                let mut spent = Duration::ZERO;
                for _ in 0..n {
                    type_line(&mut app);
                    let start = Instant::now();
                    app.handle_key(Key::plain(KeyCode::Enter));
                    spent += start.elapsed();
                    assert!(app.capture_state().is_none(), "{:?}", app.status);
                }
                spent
            })
        });
        app.save_in_background().unwrap();
        g.bench_function(format!("{name}: Enter, UI thread"), |b| {
            b.iter_custom(|n| {
                let mut spent = Duration::ZERO;
                for _ in 0..n {
                    type_line(&mut app);
                    let start = Instant::now();
                    app.handle_key(Key::plain(KeyCode::Enter));
                    spent += start.elapsed();
                    assert!(app.saving());
                    app.wait_saves();
                }
                spent
            })
        });
        g.bench_function(format!("{name}: outcome taken in, UI thread"), |b| {
            b.iter_custom(|n| {
                let mut spent = Duration::ZERO;
                for _ in 0..n {
                    type_line(&mut app);
                    app.handle_key(Key::plain(KeyCode::Enter));
                    // As the event loop does: poll until the outcome is back;
                    // only the poll that takes it in is timed.
                    loop {
                        let start = Instant::now();
                        if app.poll_saves() {
                            spent += start.elapsed();
                            break;
                        }
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    assert!(app.capture_state().is_none(), "{:?}", app.status);
                }
                spent
            })
        });
        g.bench_function(format!("{name}: Enter → saved, latency"), |b| {
            b.iter_custom(|n| {
                let mut spent = Duration::ZERO;
                for _ in 0..n {
                    type_line(&mut app);
                    let start = Instant::now();
                    app.handle_key(Key::plain(KeyCode::Enter));
                    app.wait_saves();
                    spent += start.elapsed();
                    assert!(app.capture_state().is_none(), "{:?}", app.status);
                }
                spent
            })
        });
    }
    g.finish();
}

/// A paste into the capture line, then the frame that shows it (80×24): all
/// on the UI thread. Once as a bracketed paste (one event), once as 50,000 key
/// presses in one batch (a terminal without bracketed paste).
fn paste(c: &mut Criterion) {
    use kith::tui::app::Input;
    use ratatui::{Terminal, backend::TestBackend};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typical.ron");
    write_book(&path, &kith::demo::generate(1_000, 5_000, 7, today())).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let mut app = App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today(),
        false,
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut g = c.benchmark_group("capture paste");
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    for n in [8_000, 50_000] {
        let text = format!("@p500 favor: {}", "lorem ipsum ".repeat(n / 12));
        g.bench_function(format!("{n} chars, bracketed paste + frame"), |b| {
            b.iter(|| {
                app.open_capture(None);
                app.paste(&text);
                terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
                app.update(Action::CaptureCancel);
                app.update(Action::Yes);
            })
        });
        let keys: Vec<Input> = text.chars().map(|c| Input::Key(Key::char(c))).collect();
        g.bench_function(format!("{n} chars, key presses in a batch + frame"), |b| {
            b.iter(|| {
                app.open_capture(None);
                app.handle_inputs(keys.iter().cloned());
                terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
                app.update(Action::CaptureCancel);
                app.update(Action::Yes);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench, paste);
criterion_main!(benches);
