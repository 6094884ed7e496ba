//! The Review tab on a heavy book (10,000 people / 100,000 entries), drawn
//! into a 120×40 `TestBackend`: coming back to it (the session is kept), a
//! frame of the current person, and one step (`n`: commit through the store,
//! which saves the file and reindexes, then the next person's frame), with
//! the two big parts of a commit on their own. The step is timed twice: all
//! on the UI thread ("inline"), and as the terminal app runs it, with the save
//! on the saver's thread, where only the key, taking the outcome in and the
//! frame are the UI thread's. The queue itself is in `benches/review.rs`.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use kith::config::Config;
use kith::store::{Store, write_book};
use kith::tui::Key;
use kith::tui::app::{App, Tab};
use kith::tui::{Action, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heavy.ron");
    write_book(&path, &kith::demo::generate(10_000, 100_000, 7, today())).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let config = Config {
        default_cadence: Some(60),
        ..Config::default()
    };
    let mut app = App::new(store, book, config, Keymap::default(), today(), false);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();

    let mut g = c.benchmark_group("review tab, heavy");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    app.update(Action::GoTo(Tab::Review));
    g.bench_function("back to the tab + frame", |b| {
        b.iter(|| {
            app.update(Action::GoTo(Tab::People));
            app.update(Action::GoTo(Tab::Review));
            frame(&mut terminal, &app);
        })
    });
    eprintln!("queue: {:?}", app.review().map(|s| s.progress()));
    g.bench_function("frame of one person", |b| {
        b.iter(|| frame(&mut terminal, &app))
    });
    g.bench_function("skip inline (commit + save) + next frame", |b| {
        b.iter(|| {
            app.handle_key(Key::char('n'));
            frame(&mut terminal, &app);
        })
    });
    app.save_in_background().unwrap();
    g.bench_function(
        "skip, UI thread: key + outcome taken in + next frame",
        |b| {
            b.iter_custom(|n| {
                let mut spent = Duration::ZERO;
                for _ in 0..n {
                    let start = Instant::now();
                    app.handle_key(Key::char('n'));
                    spent += start.elapsed();
                    loop {
                        let start = Instant::now();
                        if app.poll_saves() {
                            frame(&mut terminal, &app);
                            spent += start.elapsed();
                            break;
                        }
                        std::thread::sleep(Duration::from_micros(200));
                    }
                }
                spent
            })
        },
    );
    let book = app.book().clone();
    let kinds = app.kinds().clone();
    g.bench_function("commit part: write_book", |b| {
        b.iter(|| write_book(&dir.path().join("copy.ron"), &book).unwrap())
    });
    g.bench_function("commit part: Index::build", |b| {
        b.iter(|| kith::model::Index::build(&book, &kinds))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
