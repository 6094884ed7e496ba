//! The `/` finder's speed on a heavy book (10,000 people / 100,000 entries),
//! drawn into a 120×40 `TestBackend`: a keystroke → ranked results with the
//! visible rows highlighted → the next frame. Target: ≤ 3 ms median.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use kith::config::Config;
use kith::store::Store;
use kith::tui::Key;
use kith::tui::Keymap;
use kith::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::time::Duration;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
}

/// The keys of typing a few queries, each cleared with Ctrl-u (itself a
/// keystroke that ranks: the empty query lists recent contacts).
fn keystrokes() -> Vec<Key> {
    let mut keys = Vec::new();
    for query in ["ana mar", "jse", "design berlin", "王", "cofounder"] {
        keys.extend(query.chars().map(Key::char));
        keys.push(Key::plain(KeyCode::Backspace));
        keys.push(Key::ctrl('u'));
    }
    keys
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let book = kith::demo::generate(10_000, 100_000, 7, today());
    let (store, _) = Store::open(dir.path().join("absent.ron"), today()).unwrap();
    let mut app = App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today(),
        false,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    frame(&mut terminal, &app);

    let mut g = c.benchmark_group("finder");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    // The first `/` after a load or a change builds the search index
    // (measured apart in benches/search.rs).
    app.handle_key(Key::char('/'));
    frame(&mut terminal, &app);
    let keys = keystrokes();
    let mut next = keys.iter().cycle();
    g.bench_function("heavy: keystroke → ranked results + frame", |b| {
        b.iter(|| {
            app.handle_key(*next.next().unwrap());
            frame(&mut terminal, &app);
        })
    });
    let mut next = keys.iter().cycle();
    g.bench_function("heavy: keystroke → ranked results (no frame)", |b| {
        b.iter(|| app.handle_key(*next.next().unwrap()))
    });
    g.bench_function("heavy: move selection + frame", |b| {
        let mut down = true;
        b.iter(|| {
            let key = if down { KeyCode::Down } else { KeyCode::Up };
            app.handle_key(Key::plain(key));
            down = !down;
            frame(&mut terminal, &app);
        })
    });
    g.finish();

    // One query at a time: its last char typed and taken back (two ranks).
    let mut g = c.benchmark_group("finder query");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    for query in ["a", "ana", "ana mar", "jse", "design berlin", "王", "zzzq"] {
        app.handle_key(Key::ctrl('u'));
        let (head, last) = query.split_at(query.len() - query.chars().last().unwrap().len_utf8());
        head.chars().for_each(|c| app.handle_key(Key::char(c)));
        let last = last.chars().next().unwrap();
        g.bench_function(format!("heavy: {query:?} ±last char, no frame"), |b| {
            b.iter(|| {
                app.handle_key(Key::char(last));
                app.handle_key(Key::plain(KeyCode::Backspace));
            })
        });
    }
    app.handle_key(Key::ctrl('u'));
    g.bench_function("heavy: frame only", |b| {
        b.iter(|| frame(&mut terminal, &app))
    });
    app.handle_key(Key::plain(KeyCode::Esc));
    g.bench_function("heavy: frame only, finder closed", |b| {
        b.iter(|| frame(&mut terminal, &app))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
