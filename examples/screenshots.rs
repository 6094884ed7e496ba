//! Screenshots of each tab for the README, made from the real app: the demo
//! book drawn into ratatui's `TestBackend`, each cell rasterised with a
//! monospace font into a PNG in `assets/`. Refresh them with
//!
//! ```sh
//! cargo run --release --example screenshots -- FONT.ttf [FALLBACK.ttf ...]
//! ```
//!
//! Later fonts are used for characters the first lacks (e.g. CJK names); the
//! README's were made with DejaVu Sans Mono and Noto Sans CJK (Debian's
//! `fonts-dejavu-core` and `fonts-noto-cjk`):
//!
//! ```sh
//! cargo run --release --example screenshots -- \
//!     /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf \
//!     /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
//! ```
//! Colours are the terminal's named ones, from a dark palette.

use std::path::Path;

use kith::config::Config;
use kith::store::{Store, write_book};
use kith::tui::app::App;
use kith::tui::{Key, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const SIZE: f32 = 15.0;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: screenshots FONT.ttf [FALLBACK.ttf ...]");
        std::process::exit(2);
    }
    let fonts: Vec<fontdue::Font> = args
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            fontdue::Font::from_bytes(bytes, fontdue::FontSettings::default()).expect("a font")
        })
        .collect();
    let today = "2026-11-26".parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    write_book(&path, &kith::demo::demo_book(today)).unwrap();
    let (store, book) = Store::open(&path, today).unwrap();
    let mut app = App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today,
        true,
    );
    // The terminal's size, as the event loop tells the app: popups size
    // themselves from it (without it the capture popup ran off the right
    // edge and lost its border).
    app.resize(ratatui::layout::Size::new(COLS, ROWS));
    app.want_intros();
    let type_in = |app: &mut App, keys: &str| {
        for c in keys.chars() {
            app.handle_key(Key::char(c));
        }
    };
    let shots = [
        "people", "timeline", "coffee", "review", "intros", "capture",
    ];
    for name in shots {
        match name {
            "people" => type_in(&mut app, "1"),
            "timeline" => type_in(&mut app, "2"),
            "coffee" => type_in(&mut app, "3"),
            // The fourth person: several reasons, the cursor on the first.
            "review" => type_in(&mut app, "4"),
            "intros" => type_in(&mut app, "5"),
            _ => {
                type_in(&mut app, "1c");
                app.handle_key(Key::ctrl('u'));
                type_in(
                    &mut app,
                    "@chloe favor: reviewed her career-day slides !+1w",
                );
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap();
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        let out = Path::new("assets").join(format!("screenshot-{name}.png"));
        if std::env::var_os("SHOT_TEXT").is_some() {
            eprintln!("{:?}", terminal.backend());
        }
        render(terminal.backend().buffer(), &fonts, &out);
        println!("wrote {}", out.display());
        if name == "capture" {
            app.handle_key(Key::plain(KeyCode::Esc));
            type_in(&mut app, "y");
        }
    }
}

/// A named terminal colour in a dark palette.
fn rgb(c: Color, fg: bool) -> [u8; 3] {
    let (text, back) = ([0xd0, 0xd0, 0xd0], [0x1c, 0x1c, 0x1c]);
    match c {
        Color::Reset => {
            if fg {
                text
            } else {
                back
            }
        }
        Color::Black => back,
        Color::Red => [0xe0, 0x6c, 0x75],
        Color::Green => [0x98, 0xc3, 0x79],
        Color::Yellow => [0xe5, 0xc0, 0x7b],
        Color::Blue => [0x61, 0xaf, 0xef],
        Color::Magenta => [0xc6, 0x78, 0xdd],
        Color::Cyan => [0x56, 0xb6, 0xc2],
        Color::DarkGray => [0x7f, 0x84, 0x8e],
        Color::Rgb(r, g, b) => [r, g, b],
        _ => text,
    }
}

/// The buffer as an RGB image, one cell `cell_w`×`cell_h` pixels.
fn render(buf: &Buffer, fonts: &[fontdue::Font], out: &Path) {
    let cell_w = fonts[0].metrics('M', SIZE).advance_width.ceil() as usize;
    let line = fonts[0]
        .horizontal_line_metrics(SIZE)
        .expect("a horizontal font");
    let cell_h = (line.ascent - line.descent + line.line_gap).ceil() as usize;
    let baseline = line.ascent.ceil() as i32;
    let (w, h) = (
        buf.area.width as usize * cell_w,
        buf.area.height as usize * cell_h,
    );
    let mut px = vec![0u8; w * h * 3];
    let colours = |cell: &ratatui::buffer::Cell| {
        let (mut fg, mut bg) = (rgb(cell.fg, true), rgb(cell.bg, false));
        if cell.modifier.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        (fg, bg)
    };
    // Every background first: a wide (CJK) character's glyph spans two
    // cells, and the second cell's background painted after it cut the
    // glyph in half (이서연 came out as broken jamo).
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let (_, bg) = colours(&buf[(x, y)]);
            let (x0, y0) = (x as usize * cell_w, y as usize * cell_h);
            for dy in 0..cell_h {
                let i = ((y0 + dy) * w + x0) * 3;
                for dx in 0..cell_w {
                    px[i + dx * 3..i + dx * 3 + 3].copy_from_slice(&bg);
                }
            }
        }
    }
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let (fg, _) = colours(cell);
            let (x0, y0) = (x as usize * cell_w, y as usize * cell_h);
            let Some(ch) = cell.symbol().chars().next().filter(|c| *c != ' ') else {
                continue;
            };
            // Borders are drawn, not rasterised: two pixels thick and joined
            // across cells, so a popup's frame survives a scaled-down image.
            if let Some(arms) = box_arms(ch) {
                let (cx, cy) = (x0 + cell_w / 2, y0 + cell_h / 2);
                let mut fill = |xs: std::ops::Range<usize>, ys: std::ops::Range<usize>| {
                    for yy in ys {
                        for xx in xs.clone() {
                            let i = (yy * w + xx) * 3;
                            px[i..i + 3].copy_from_slice(&fg);
                        }
                    }
                };
                let [left, right, up, down] = arms;
                if left {
                    fill(x0..cx + 1, cy - 1..cy + 1);
                }
                if right {
                    fill(cx - 1..x0 + cell_w, cy - 1..cy + 1);
                }
                if up {
                    fill(cx - 1..cx + 1, y0..cy + 1);
                }
                if down {
                    fill(cx - 1..cx + 1, cy - 1..y0 + cell_h);
                }
                continue;
            }
            let font = fonts
                .iter()
                .find(|f| f.lookup_glyph_index(ch) != 0)
                .unwrap_or(&fonts[0]);
            let (m, bitmap) = font.rasterize(ch, SIZE);
            let gx = x0 as i32 + m.xmin;
            let gy = y0 as i32 + baseline - m.height as i32 - m.ymin;
            for by in 0..m.height {
                for bx in 0..m.width {
                    let (px_x, px_y) = (gx + bx as i32, gy + by as i32);
                    if px_x < 0 || px_y < 0 || px_x as usize >= w || px_y as usize >= h {
                        continue;
                    }
                    let a = u32::from(bitmap[by * m.width + bx]);
                    let i = (px_y as usize * w + px_x as usize) * 3;
                    for k in 0..3 {
                        let under = u32::from(px[i + k]);
                        px[i + k] = ((u32::from(fg[k]) * a + under * (255 - a)) / 255) as u8;
                    }
                }
            }
        }
    }
    let file = std::fs::File::create(out).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&px)
        .unwrap();
}

/// Which arms a light box-drawing character has: left, right, up, down.
fn box_arms(ch: char) -> Option<[bool; 4]> {
    Some(match ch {
        '─' => [true, true, false, false],
        '│' => [false, false, true, true],
        '┌' => [false, true, false, true],
        '┐' => [true, false, false, true],
        '└' => [false, true, true, false],
        '┘' => [true, false, true, false],
        '├' => [false, true, true, true],
        '┤' => [true, false, true, true],
        '┬' => [true, true, false, true],
        '┴' => [true, true, true, false],
        '┼' => [true, true, true, true],
        _ => return None,
    })
}
