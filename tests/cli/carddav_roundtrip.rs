//! The README's phone recipe end to end: a real Radicale on 127.0.0.1 (a free
//! port, no auth, a temp folder) and vdirsyncer between kith's vdir, the
//! server, and a second vdir standing for the phone. The phone edits a card
//! as DAVx5 writes it (a changed number with a label, an e-mail removed, an
//! address and a photo added) and deletes another; after `kith contacts sync`
//! and vdirsyncer both ways, the book and the phone hold exactly that.
//!
//! Needs `radicale` and `vdirsyncer` on PATH (`pip install radicale
//! vdirsyncer`, or Debian's packages). Without them the test says so and
//! passes, unless `KITH_CI` is set (`.ci/run` sets it): then it fails.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{fs, io::Write};

fn on_path(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
    })
}

/// Radicale, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn kith(book: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(args)
        .env("KITH_FILE", book)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "kith {args:?}: {text}");
    text
}

fn vdirsyncer(config: &Path, args: &[&str]) {
    let mut child = Command::new("vdirsyncer")
        .arg("-c")
        .arg(config)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `discover` asks before it creates a collection.
    child.stdin.take().unwrap().write_all(b"y\ny\ny\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "vdirsyncer {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn only_card(dir: &Path, holding: &str) -> PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).unwrap().contains(holding))
        .unwrap_or_else(|| panic!("no card with {holding} in {}", dir.display()))
}

fn cards(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "vcf")
        })
        .count()
}

#[test]
fn a_phone_edit_removal_address_photo_and_deletion_survive_radicale_and_vdirsyncer() {
    let (Some(_), Some(_)) = (on_path("radicale"), on_path("vdirsyncer")) else {
        let how = "radicale and vdirsyncer are not on PATH: `pip install radicale vdirsyncer` \
                   (or `apt-get install radicale vdirsyncer`) to run the CardDAV round trip";
        assert!(std::env::var_os("KITH_CI").is_none(), "{how}");
        eprintln!("SKIPPED: {how}");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new("radicale")
            .args(["--config", "", "--auth-type", "none"])
            .arg("--server-hosts")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--storage-filesystem-folder")
            .arg(t.join("storage"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "radicale did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (local, phone) = (t.join("local"), t.join("phone"));
    fs::create_dir_all(&phone).unwrap();
    let storage = |name: &str, path: &Path| {
        format!(
            "[storage {name}_local]\ntype = \"filesystem\"\npath = \"{}/\"\nfileext = \".vcf\"\n\
             [storage {name}_server]\ntype = \"carddav\"\nurl = \"http://127.0.0.1:{port}/\"\n\
             username = \"kith\"\npassword = \"x\"\n",
            path.display()
        )
    };
    let config = t.join("config");
    fs::write(
        &config,
        format!(
            "[general]\nstatus_path = \"{}/\"\n\
             [pair kith]\na = \"kith_local\"\nb = \"kith_server\"\ncollections = [\"from a\"]\n{}\
             [pair phone]\na = \"phone_local\"\nb = \"phone_server\"\ncollections = [\"from b\"]\n{}",
            t.join("status").display(),
            storage("kith", &local),
            storage("phone", &phone),
        ),
    )
    .unwrap();

    // kith → its vdir → the server → the phone.
    let book = t.join("book.ron");
    let vdir = local.join("contacts");
    kith(&book, &["add", "Ana García", "--email", "ana@acme.example"]);
    kith(
        &book,
        &[
            "edit",
            "Ana García",
            "--email",
            "+ana@home.example",
            "--phone",
            "++34 600 000 001",
        ],
    );
    kith(&book, &["add", "Bo Chen", "--email", "bo@chen.example"]);
    kith(&book, &["contacts", "sync", vdir.to_str().unwrap()]);
    vdirsyncer(&config, &["discover", "kith"]);
    vdirsyncer(&config, &["sync", "kith"]);
    vdirsyncer(&config, &["discover", "phone"]);
    vdirsyncer(&config, &["sync", "phone"]);
    let on_phone = phone.join("contacts");
    assert_eq!(cards(&on_phone), 2);

    // On the phone, as DAVx5 writes it: vCard 3.0, the number changed with
    // a label, the home e-mail removed, an address and a photo; Bo deleted.
    let ana = only_card(&on_phone, "Ana García");
    let mut edited = String::new();
    for line in fs::read_to_string(&ana).unwrap().lines() {
        match line.trim_end() {
            "VERSION:4.0" => edited.push_str("VERSION:3.0\r\n"),
            "EMAIL:ana@home.example" => {}
            l if l.starts_with("TEL") => edited.push_str(
                "item1.TEL;TYPE=cell:+34 600 000 002\r\nitem1.X-ABLabel:mobile\r\n\
                 ADR;TYPE=home:;;Calle Mayor 1;Madrid;;28013;Spain\r\n\
                 PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n",
            ),
            l => {
                edited.push_str(l);
                edited.push_str("\r\n");
            }
        }
    }
    fs::write(&ana, edited).unwrap();
    fs::remove_file(only_card(&on_phone, "Bo Chen")).unwrap();
    vdirsyncer(&config, &["sync", "phone"]);
    vdirsyncer(&config, &["sync", "kith"]);

    // kith's round trip, then back to the phone.
    let said = kith(&book, &["contacts", "sync", vdir.to_str().unwrap()]);
    assert!(said.contains("archived Bo Chen"), "{said}");
    vdirsyncer(&config, &["sync", "kith"]);
    vdirsyncer(&config, &["sync", "phone"]);

    let shown = kith(&book, &["show", "Ana García"]);
    assert!(
        shown.contains("+34 600 000 002") && !shown.contains("000 001"),
        "{shown}"
    );
    assert!(!shown.contains("ana@home.example"), "{shown}");
    let archived = kith(&book, &["list", "--json", "--archived"]);
    assert!(archived.contains("Bo Chen"), "{archived}");
    assert_eq!(cards(&on_phone), 1, "Bo stays deleted on the phone");
    let card = fs::read_to_string(only_card(&on_phone, "Ana García")).unwrap();
    for line in [
        "item1.TEL;TYPE=cell:+34 600 000 002",
        "item1.X-ABLabel:mobile",
        "ADR;TYPE=home:;;Calle Mayor 1;Madrid;;28013;Spain",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==",
        "EMAIL:ana@acme.example",
    ] {
        assert!(card.contains(line), "{line} lost on the phone:\n{card}");
    }
    assert!(
        !card.contains("ana@home") && !card.contains("000 001"),
        "{card}"
    );

    // Nothing changed: kith's round trip writes nothing.
    let said = kith(&book, &["contacts", "sync", vdir.to_str().unwrap()]);
    assert!(said.contains("wrote 0 cards"), "{said}");
}
