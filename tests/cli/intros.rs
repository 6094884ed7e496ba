//! `kith intros` and `kith give-take` through the real binary, on a temp
//! copy of a small book.

use std::path::{Path, PathBuf};

use crate::common::cli::{id_of, kith, ok};

fn book(dir: &Path) -> PathBuf {
    let file = dir.join("kith.ron");
    ok(
        &file,
        &[
            "add",
            "José García",
            "--tag",
            "climate",
            "--need",
            "an intro to a seed investor who gets climate",
        ],
    );
    ok(
        &file,
        &[
            "add",
            "Priya Raman",
            "--title",
            "Partner",
            "--offer",
            "knows every seed fund in Europe",
            "--need",
            "deal flow in climate software",
        ],
    );
    ok(
        &file,
        &["add", "Gary Hughes", "--offer", "invests in real estate"],
    );
    ok(
        &file,
        &[
            "add",
            "Chloé Moreau",
            "--need",
            "speakers for the career day",
        ],
    );
    ok(
        &file,
        &[
            "add",
            "Nikolaj Berg",
            "--offer",
            "gives talks on machine learning",
        ],
    );
    ok(&file, &["log", "@nikolaj coffee: catch-up -20d"]);
    file
}

#[test]
fn human_output_says_who_needs_what_who_could_help_why_and_when_last_seen() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = ok(&file, &["intros"]);
    let (jose, priya, nikolaj) = (
        id_of(&file, "José García"),
        id_of(&file, "Priya Raman"),
        id_of(&file, "Nikolaj Berg"),
    );
    assert!(
        out.contains(&format!(
            "José García ({jose}) needs \"an intro to a seed investor who gets climate\""
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("  Priya Raman ({priya}) could help")),
        "{out}"
    );
    assert!(out.contains("because: seed, investor ≈ fund"), "{out}");
    assert!(
        out.contains(
            "and José García could help Priya Raman with \"deal flow in climate software\""
        ),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  Nikolaj Berg ({nikolaj}) could help\n  because: speakers ≈ talks"
        )),
        "{out}"
    );
    assert!(
        out.contains("last seen: Chloé Moreau never · Nikolaj Berg 2w ago"),
        "{out}"
    );
    assert!(
        !out.contains("Gary"),
        "a landlord is no seed investor: {out}"
    );
}

#[test]
fn json_has_person_need_candidate_score_and_because() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = ok(&file, &["intros", "--json", "--for", "chloe"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{out}");
    let r = &rows[0];
    assert_eq!(
        r["person"],
        serde_json::json!({"id": id_of(&file, "chloe"), "name": "Chloé Moreau"})
    );
    assert_eq!(r["need"], "speakers for the career day");
    assert_eq!(
        r["candidate"],
        serde_json::json!({"id": id_of(&file, "nikolaj"), "name": "Nikolaj Berg"})
    );
    assert!(r["score"].as_f64().unwrap() > 0.0);
    assert_eq!(r["because"], serde_json::json!(["speakers ≈ talks"]));
}

#[test]
fn my_offers_from_the_config_make_me_a_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        r#"(me: (offers: ["career day speakers from my old team"]))"#,
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(&file)
            .arg("--config")
            .arg(&config)
            .args(["--today", "2026-11-26"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let chloe = id_of(&file, "chloe");
    let out = run(&["intros", "--json", "--for", &chloe]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["candidate"] == "me"),
        "{out}"
    );
    let human = run(&["intros", "--for", &chloe]);
    assert!(human.contains("  you could help\n"), "{human}");
}

#[test]
fn an_intro_logged_between_them_takes_the_pair_out_and_asks_in_two_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = ok(&file, &["log", "@chloe @nikolaj intro: career day talk"]);
    assert!(
        out.contains("follow up Thu 10 Dec"),
        "a follow-up in two weeks: {out}"
    );
    let after = ok(&file, &["intros", "--for", "chloe"]);
    assert!(
        after.contains("No introductions to suggest for Chloé Moreau."),
        "{after}"
    );
}

/// With the word-meaning model missing or corrupt, kith says so once and
/// matches by words alone.
#[test]
fn without_the_model_words_alone_and_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let corrupt = dir.path().join("model.safetensors");
    std::fs::write(&corrupt, b"not a model").unwrap();
    let missing = dir.path().join("no-such-model.safetensors");
    for (model, says) in [(&missing, "cannot be read"), (&corrupt, "is corrupt")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .env("KITH_MODEL", model)
            .arg("--file")
            .arg(&file)
            .args(["--today", "2026-11-26", "intros"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            stdout.contains("because: seed, investor ≈ fund"),
            "{stdout}"
        );
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(
            stderr.matches("matching by words alone").count(),
            1,
            "{stderr}"
        );
    }
    // With the bundled model: no note.
    let out = kith(&file, &["intros"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("words alone"));
}

/// With the sentence encoder missing or corrupt, kith says so once and
/// matches by words and the word table, as before the encoder.
#[test]
fn without_the_encoder_the_word_table_and_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let corrupt = dir.path().join("encoder.safetensors");
    std::fs::write(&corrupt, b"not an encoder").unwrap();
    let missing = dir.path().join("no-such-encoder.safetensors");
    for (encoder, says) in [(&missing, "cannot be read"), (&corrupt, "is corrupt")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .env("KITH_ENCODER", encoder)
            .arg("--file")
            .arg(&file)
            .args(["--today", "2026-11-26", "intros"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(stdout.contains("because: seed, investor"), "{stdout}");
        assert!(stderr.contains("sentence encoder"), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(
            stderr
                .matches("matching by words and the word table")
                .count(),
            1,
            "{stderr}"
        );
    }
    // With the bundled encoder: no note.
    let out = kith(&file, &["intros"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("sentence encoder"));
}

#[test]
fn errors_have_the_usual_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = kith(&file, &["intros", "--for", "nobody-here"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody called nobody-here"));
    let empty = dir.path().join("empty.ron");
    let out = ok(&empty, &["intros", "--json"]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn give_take_names_who_you_only_took_from_and_only_gave_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    ok(&file, &["log", "@priya <favor: intro to her LP -10d"]);
    ok(
        &file,
        &["log", "@chloe help: reviewed the career day plan -5d"],
    );
    let out = ok(&file, &["give-take"]);
    assert!(
        out.contains(&format!(
            "favour back would be welcome:\n  Priya Raman  ({})  ↓1 received",
            id_of(&file, "priya")
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "nothing owed; maybe they could help you too):\n  Chloé Moreau  ({})  ↑1 given",
            id_of(&file, "chloe")
        )),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&file, &["give-take", "--json"])).unwrap();
    assert_eq!(json[0]["balance"], "only_take");
    assert_eq!(json[1]["name"], "Chloé Moreau");
}

/// Two who offer the same: `kith ask` ranks them by the relationship too.
fn helpers(dir: &Path) -> PathBuf {
    let file = dir.join("ask.ron");
    for name in ["Ana Lima", "Sean Doyle"] {
        ok(
            &file,
            &[
                "add",
                name,
                "--offer",
                "Kubernetes and cloud infrastructure consulting",
            ],
        );
    }
    ok(
        &file,
        &["add", "Rita Gomes", "--offer", "writes restaurant reviews"],
    );
    file
}

#[test]
fn ask_ranks_by_the_match_and_the_relationship_and_says_when_you_owe() {
    let dir = tempfile::tempdir().unwrap();
    let file = helpers(dir.path());
    let order = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains("could help"))
            .map(|l| l.trim().split(" (").next().unwrap().to_string())
            .collect()
    };
    let ask = || ok(&file, &["ask", "someone to review our Kubernetes setup"]);
    let before = ask();
    let mut both = order(&before);
    both.sort();
    assert_eq!(both, ["Ana Lima", "Sean Doyle"], "{before}");
    assert!(before.contains("because: Kubernetes"), "{before}");
    assert!(!before.contains("Rita"), "restaurant reviews: {before}");
    // In touch with Ana lately: she comes first.
    ok(&file, &["log", "@ana coffee: catch-up -3d"]);
    let touched = ask();
    assert_eq!(order(&touched), ["Ana Lima", "Sean Doyle"], "{touched}");
    assert!(touched.contains("last seen 3d ago"), "{touched}");
    // She did you a favour you never returned: below Sean, saying why.
    ok(&file, &["log", "@ana <referral: a contract 2026-03-10"]);
    let owed = ask();
    assert_eq!(order(&owed), ["Sean Doyle", "Ana Lima"], "{owed}");
    assert!(
        owed.contains("you owe Ana one: Ana referred you a contract in March"),
        "{owed}"
    );
    // A summary that is a sentence of its own follows a colon.
    ok(
        &file,
        &["log", "@sean <help: he wrote me a reference 2026-07-02"],
    );
    let both_owed = ask();
    assert!(
        both_owed.contains("Sean helped you: he wrote me a reference in July"),
        "{both_owed}"
    );
}

#[test]
fn ask_json_has_the_same_objects_as_intros() {
    let dir = tempfile::tempdir().unwrap();
    let file = helpers(dir.path());
    let out = ok(&file, &["ask", "--json", "a Kubernetes consultant"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{out}");
    for r in rows {
        assert_eq!(r["person"], "me");
        assert_eq!(r["need"], "a Kubernetes consultant");
        assert!(r["candidate"]["id"].is_string() && r["candidate"]["name"].is_string());
        assert!(r["score"].as_f64().unwrap() > 0.0);
        assert!(
            r["because"]
                .as_array()
                .unwrap()
                .contains(&"Kubernetes".into()),
            "{r}"
        );
    }
    let out = kith(&file, &["ask", "  "]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_standing_ask_is_answered_by_the_help_you_log() {
    let dir = tempfile::tempdir().unwrap();
    let file = helpers(dir.path());
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        r#"(me: (needs: ["someone to review our Kubernetes setup"]))"#,
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(&file)
            .arg("--config")
            .arg(&config)
            .args(["--today", "2026-11-26"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let open = run(&["ask"]);
    assert!(
        open.contains("You ask \"someone to review our Kubernetes setup\""),
        "{open}"
    );
    assert!(open.contains("Sean Doyle"), "{open}");
    // Help on something else leaves it open.
    run(&["log", "@ana <help: reviewed my CV -2d"]);
    assert!(run(&["ask"]).contains("could help"));
    run(&["log", "@sean <help: reviewed our Kubernetes setup -1d"]);
    let done = run(&["ask"]);
    assert!(
        done.contains("answered: Sean Doyle helped you on 2026-11-25"),
        "{done}"
    );
    assert!(!done.contains("could help"), "{done}");
}
