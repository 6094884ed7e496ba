//! The TUI's speed: load + first frame, and a key press → next frame, on a
//! heavy book (10,000 people / 100,000 entries) and a typical one
//! (1,000 / 5,000), drawn into a 120×40 `TestBackend`.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use kith::config::Config;
use kith::store::{Store, write_book};
use kith::tui::app::{App, Tab};
use kith::tui::{Action, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::Duration;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn open(path: &Path) -> App {
    let (store, book) = Store::open(path, today()).unwrap();
    App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today(),
        false,
    )
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
}

fn book_file(dir: &Path, people: usize, entries: usize) -> std::path::PathBuf {
    let path = dir.join(format!("book-{people}-{entries}.ron"));
    write_book(&path, &kith::demo::generate(people, entries, 7, today())).unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let heavy = book_file(dir.path(), 10_000, 100_000);
    let typical = book_file(dir.path(), 1_000, 5_000);

    let mut g = c.benchmark_group("tui");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for (name, path) in [("heavy", &heavy), ("typical", &typical)] {
        // Freeing the app is left out of every timing (`iter_with_large_drop`):
        // on a heavy book it costs as much as building it, and no user waits
        // for it.
        g.bench_function(format!("{name}: load + first frame"), |b| {
            b.iter_with_large_drop(|| {
                let app = open(path);
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                frame(&mut terminal, &app);
                (app, terminal)
            })
        });
        // As `kith` starts: the saver's thread reads its own copy of the book
        // while the first frame is drawn.
        g.bench_function(
            format!("{name}: load + first frame, saver reading alongside"),
            |b| {
                b.iter_with_large_drop(|| {
                    let mut app = open(path);
                    app.save_in_background().unwrap();
                    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                    frame(&mut terminal, &app);
                    (app, terminal)
                })
            },
        );
        // The two halves: reading the file, and what the TUI adds on top
        // (index, lists, first frame) for a book already in memory.
        g.bench_function(format!("{name}: load only"), |b| {
            b.iter_with_large_drop(|| Store::open(path, today()).unwrap())
        });
        let (_, book) = Store::open(path, today()).unwrap();
        g.bench_function(format!("{name}: app + first frame"), |b| {
            b.iter_with_large_drop(|| {
                let (store, _) = Store::open(dir.path().join("absent.ron"), today()).unwrap();
                let app = App::new(
                    store,
                    book.clone(),
                    Config::default(),
                    Keymap::default(),
                    today(),
                    false,
                );
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                frame(&mut terminal, &app);
                (app, terminal)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("tui key");
    let mut app = open(&heavy);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    frame(&mut terminal, &app);
    g.bench_function("heavy: move selection + frame", |b| {
        let mut down = true;
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            frame(&mut terminal, &app);
        })
    });
    g.bench_function("heavy: switch tab + frame", |b| {
        b.iter(|| {
            app.update(Action::NextTab);
            frame(&mut terminal, &app);
        })
    });
    for tab in [Tab::People, Tab::Timeline, Tab::Coffee] {
        app.update(Action::GoTo(tab));
        g.bench_function(format!("heavy: {} page down + frame", tab.title()), |b| {
            b.iter(|| {
                app.update(Action::PageDown);
                frame(&mut terminal, &app);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
