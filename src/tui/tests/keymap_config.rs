//! The config's key bindings are checked against the config file as it was
//! read once, never read again from disk.

use crate::config::{Config, ConfigFile};
use crate::tui::keymap_for;

#[test]
fn a_bad_binding_points_into_the_text_as_read_not_into_the_disk() {
    let text = "(\n  keys: {\n    \"people\": {\"x\": \"srot\"},\n  },\n)\n";
    let config = Config::parse(text, std::path::Path::new("mine.ron")).unwrap();
    // No such file exists: the position can only come from the text given.
    let file = ConfigFile {
        path: "/nonexistent/kith-test/mine.ron".into(),
        text: text.to_string(),
    };
    let err = keymap_for(&config, Some(&file)).unwrap_err().to_string();
    assert!(
        err.contains("mine.ron:3:21: unknown action \"srot\""),
        "{err}"
    );
}

#[test]
fn a_config_read_from_disk_keeps_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    let text = "(review_size: 4)\n";
    std::fs::write(&path, text).unwrap();
    let (config, file) = Config::read(&path).unwrap();
    assert_eq!(config.review_size, 4);
    assert_eq!(file.text, text);
    let (config, file) = Config::read(&dir.path().join("none.ron")).unwrap();
    assert_eq!(config, Config::default());
    assert!(file.text.is_empty());
}
