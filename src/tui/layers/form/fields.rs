//! The person form's fields as text, and the pure functions that check one
//! field and turn all of them into a [`Person`] (and back).

use chrono::NaiveDate;

use crate::capture::date_field;
use crate::model::{Address, Book, Person, PersonId, fields};
use crate::text::fold;

/// One field of the form, in the order Tab walks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Nicknames,
    Org,
    Title,
    Emails,
    Phones,
    Addresses,
    Links,
    Tags,
    Cadence,
    Birthday,
    Met,
    MetDate,
    IntroducedBy,
    Needs,
    Offers,
    Notes,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Name,
        Field::Nicknames,
        Field::Org,
        Field::Title,
        Field::Emails,
        Field::Phones,
        Field::Addresses,
        Field::Links,
        Field::Tags,
        Field::Cadence,
        Field::Birthday,
        Field::Met,
        Field::MetDate,
        Field::IntroducedBy,
        Field::Needs,
        Field::Offers,
        Field::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Nicknames => "Nicknames",
            Field::Org => "Org",
            Field::Title => "Title",
            Field::Emails => "E-mails",
            Field::Phones => "Phones",
            Field::Addresses => "Addresses",
            Field::Links => "Links",
            Field::Tags => "Tags",
            Field::Cadence => "Cadence (days)",
            Field::Birthday => "Birthday",
            Field::Met => "Met at",
            Field::MetDate => "Met on",
            Field::IntroducedBy => "Introduced by",
            Field::Needs => "Needs",
            Field::Offers => "Offers",
            Field::Notes => "Notes",
        }
    }

    /// What goes in an empty field, shown dimmed.
    pub fn hint(self) -> &'static str {
        match self {
            Field::Name => "required",
            Field::Nicknames | Field::Emails | Field::Phones | Field::Links | Field::Tags => {
                "comma-separated"
            }
            Field::Addresses => "home: street; city; region; code; country | …",
            Field::Cadence => "e.g. 30",
            Field::Birthday => "MM-DD or YYYY-MM-DD",
            Field::MetDate => "YYYY-MM-DD, -2w, fri",
            Field::IntroducedBy => "a name in the book",
            Field::Needs | Field::Offers => "one per ; or ,",
            Field::Notes => "C-j new line",
            Field::Org | Field::Title | Field::Met => "",
        }
    }

    pub fn at(self) -> usize {
        self as usize
    }
}

/// The form's texts, one per [`Field`] (notes with `\n` between lines).
pub type Texts = [String; 17];

/// Checks one field's text; the message is shown beside it.
/// The rules are the model's (`model::fields`) and the capture grammar's
/// dates, shared with `kith add` and `kith edit`.
pub fn check(
    field: Field,
    text: &str,
    book: &Book,
    me: Option<PersonId>,
    today: NaiveDate,
) -> Result<(), String> {
    let t = text.trim();
    match field {
        Field::Name if t.is_empty() => Err("a name is required".into()),
        Field::Emails => list(t).into_iter().try_for_each(fields::email),
        Field::Addresses => addresses(t).map(|_| ()),
        Field::Cadence => fields::cadence(t).map(|_| ()),
        Field::Birthday => fields::birthday(t).map(|_| ()),
        Field::MetDate => date_field(t, today).map(|_| ()),
        Field::IntroducedBy => introduced_by(t, book, me).map(|_| ()),
        _ => Ok(()),
    }
}

/// Every field checked; the person they describe (`base` keeps what the form
/// does not show: id, archived, snooze), or each bad field with its message.
pub fn build(
    texts: &Texts,
    base: &Person,
    book: &Book,
    today: NaiveDate,
) -> Result<Person, Vec<(Field, String)>> {
    let me = Some(base.id).filter(|id| id.0 != 0);
    let errors: Vec<(Field, String)> = Field::ALL
        .iter()
        .filter_map(|f| {
            check(*f, &texts[f.at()], book, me, today)
                .err()
                .map(|e| (*f, e))
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |f: Field| texts[f.at()].trim();
    let opt = |f: Field| Some(text(f).to_string()).filter(|s| !s.is_empty());
    let owned = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    let mut p = base.clone();
    p.name = text(Field::Name).to_string();
    p.nicknames = owned(list(text(Field::Nicknames)));
    p.org = opt(Field::Org);
    p.title = opt(Field::Title);
    p.emails = owned(list(text(Field::Emails)));
    p.phones = owned(list(text(Field::Phones)));
    // Unchanged text keeps the addresses as they are (a part the text
    // cannot show exactly, a `|` in a street, is never rewritten).
    if text(Field::Addresses) != addresses_text(&base.addresses) {
        p.addresses = addresses(text(Field::Addresses)).unwrap_or_default();
    }
    p.links = owned(list(text(Field::Links)));
    p.tags = owned(list(text(Field::Tags)));
    p.cadence = fields::cadence(text(Field::Cadence)).unwrap_or(None);
    p.birthday = fields::birthday(text(Field::Birthday)).unwrap_or(None);
    p.met.context = opt(Field::Met);
    p.met.date = date_field(text(Field::MetDate), today).unwrap_or(None);
    p.met.introduced_by = introduced_by(text(Field::IntroducedBy), book, me).unwrap_or(None);
    p.needs = owned(items(text(Field::Needs)));
    p.offers = owned(items(text(Field::Offers)));
    p.notes = texts[Field::Notes.at()].trim_end().to_string();
    Ok(p)
}

/// The texts that show `p` (the inverse of [`build`]).
pub fn texts_of(p: &Person, book: &Book) -> Texts {
    let mut t: Texts = Default::default();
    let mut set = |f: Field, s: String| t[f.at()] = s;
    set(Field::Name, p.name.clone());
    set(Field::Nicknames, p.nicknames.join(", "));
    set(Field::Org, p.org.clone().unwrap_or_default());
    set(Field::Title, p.title.clone().unwrap_or_default());
    set(Field::Emails, p.emails.join(", "));
    set(Field::Phones, p.phones.join(", "));
    set(Field::Addresses, addresses_text(&p.addresses));
    set(Field::Links, p.links.join(", "));
    set(Field::Tags, p.tags.join(", "));
    set(
        Field::Cadence,
        p.cadence.map(|c| c.to_string()).unwrap_or_default(),
    );
    set(
        Field::Birthday,
        p.birthday.map(|b| b.to_string()).unwrap_or_default(),
    );
    set(Field::Met, p.met.context.clone().unwrap_or_default());
    set(
        Field::MetDate,
        p.met.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    set(
        Field::IntroducedBy,
        p.met
            .introduced_by
            .map(|id| book.name_of(id))
            .unwrap_or_default(),
    );
    // `;` keeps an item that contains a comma whole.
    set(Field::Needs, p.needs.join("; "));
    set(Field::Offers, p.offers.join("; "));
    set(Field::Notes, p.notes.clone());
    t
}

/// Addresses as the form shows them: each as [`Address::edit_text`], ` | `
/// between them.
fn addresses_text(addresses: &[Address]) -> String {
    addresses
        .iter()
        .map(Address::edit_text)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The addresses of the form's text (see [`addresses_text`]), no repeats.
fn addresses(t: &str) -> Result<Vec<Address>, String> {
    let mut out: Vec<Address> = Vec::new();
    for item in t.split('|').map(str::trim).filter(|i| !i.is_empty()) {
        let a = Address::parse(item)?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// A comma-separated list: trimmed, empties dropped, no repeats.
pub fn list(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item);
        }
    }
    out
}

/// Needs and offers: one per `;` when there is one, else one per comma.
pub fn items(s: &str) -> Vec<&str> {
    if s.contains(';') {
        s.split(';')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect()
    } else {
        list(s)
    }
}

/// A name (or `p12`) resolved against the book: an exact folded name first,
/// then the one name containing it. Never oneself.
pub fn introduced_by(
    s: &str,
    book: &Book,
    me: Option<PersonId>,
) -> Result<Option<PersonId>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let others = || book.people.iter().filter(|p| Some(p.id) != me);
    if let Some(id) = PersonId::parse(s).filter(|id| others().any(|p| p.id == *id)) {
        return Ok(Some(id));
    }
    let q = fold(s);
    let exact: Vec<&Person> = others().filter(|p| fold(&p.name) == q).collect();
    let found: Vec<&Person> = if exact.is_empty() {
        others().filter(|p| fold(&p.name).contains(&q)).collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(Some(one.id)),
        [] => Err(format!("no one called `{s}`")),
        many => {
            let names: Vec<&str> = many.iter().take(3).map(|p| p.name.as_str()).collect();
            Err(format!("which one: {}?", names.join(", ")))
        }
    }
}
