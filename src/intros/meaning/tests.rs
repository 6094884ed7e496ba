use super::*;

fn model() -> &'static Meaning {
    static M: OnceLock<Meaning> = OnceLock::new();
    M.get_or_init(|| Meaning::bundled().expect("the bundled model checks out"))
}

#[test]
fn the_bundled_model_loads_and_means_what_people_mean() {
    let m = model();
    assert_eq!(m.dims(), 128);
    let sim = |a: &str, b: &str| similarity(&m.embed(a), &m.embed(b));
    assert!(
        sim("Mandarin lessons", "teaches Chinese") > sim("Mandarin lessons", "fixes motorbikes")
    );
    assert!(sim("logistics", "freight forwarding") > sim("logistics", "restaurant bookings"));
    let v = m.embed("PostgreSQL");
    assert!((v.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-4);
    assert!(m.embed("").iter().all(|x| *x == 0.0));
}

/// What Python's model2vec (StaticModel.encode, float32, before the table
/// was stored as int8) says for the same pairs: the tokeniser and the mean
/// are the same as the distiller's, up to the int8 rounding.
#[test]
fn phrases_mean_what_model2vec_says_they_mean() {
    let m = model();
    let sim = |a: &str, b: &str| similarity(&m.embed(a), &m.embed(b));
    let reference = [
        ("visa", "work permits", 0.3788),
        (
            "PostgreSQL tuning and query optimisation",
            "someone who knows Postgres performance",
            0.652,
        ),
        ("Café Olé Ventures", "Spanish ↔ English translation", 0.0817),
        ("数据科学", "data science", 0.3559),
        ("solar panels", "photovoltaic modules", 0.394),
        ("refrigerated transport", "cold-chain shipping", 0.4033),
        ("a babysitter", "babysitting", 0.8999),
    ];
    for (a, b, want) in reference {
        let got = sim(a, b);
        assert!(
            (got - want).abs() < 0.02,
            "{a} ~ {b}: {got}, model2vec {want}"
        );
    }
}

/// English words WordPiece would cut into pieces have rows of their own
/// (assets/model/words.txt): "refrigerated" is one token, not
/// "refrigerate" + "##d", and means what MiniLM makes of the word.
#[test]
fn whole_words_are_tokens_of_their_own() {
    let m = model();
    assert_eq!(
        m.vocab.len(),
        63_379,
        "29,525 WordPiece tokens and 33,854 words"
    );
    for word in ["refrigerated", "babysitting", "chauffeur", "bookshelves"] {
        let mut ids = Vec::new();
        wordpiece::pieces(&m.vocab, word, &mut ids);
        assert_eq!(ids.len(), 1, "{word}: {ids:?}");
        assert!(ids[0] >= 29_525, "{word} is one of the added words");
    }
}

#[test]
fn a_corrupt_model_is_refused() {
    let mut bytes = BUNDLED.to_vec();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    assert!(matches!(
        Meaning::load(&bytes),
        Err(ModelError::Checksum { .. })
    ));
    assert!(matches!(
        Meaning::load(&bytes[..100]),
        Err(ModelError::Checksum { .. })
    ));
}
