//! Names for the synthetic book, drawn the way a real book's fall: most
//! names belong to one person, some to a few, a handful to dozens.
//!
//! Latin names are a first and a last name, a third with a middle initial
//! and a quarter with two family names; Chinese,
//! Japanese and Korean names are a family and a given name (family first,
//! as their owners write them); and a few very common names recur often.

use super::generate::Rng;
use super::words::{FIRST_NAMES, LAST_NAMES};

/// Per mille of people with one of [`VERY_COMMON`].
const VERY_COMMON_PER_MILLE: usize = 15;
/// Per mille with a Chinese, Japanese or Korean name.
const CJK_PER_MILLE: usize = 80;

pub const VERY_COMMON: &[&str] = &[
    "Maria García",
    "John Smith",
    "王伟",
    "鈴木 花子",
    "Anna Müller",
];

pub const MORE_FIRST: &[&str] = &[
    "Adam",
    "Aisha",
    "Andrés",
    "Astrid",
    "Beatriz",
    "Ben",
    "Carlos",
    "Clara",
    "Daniel",
    "Diego",
    "Eva",
    "Fatima",
    "Felix",
    "Gabriel",
    "Hannah",
    "Ingrid",
    "Isabel",
    "Ivan",
    "Jakub",
    "Jonas",
    "Julia",
    "Karim",
    "Katarzyna",
    "Laura",
    "Leon",
    "Lucía",
    "Maya",
    "Mina",
    "Nadia",
    "Nina",
    "Omar",
    "Oskar",
    "Paula",
    "Pedro",
    "Rosa",
    "Sara",
    "Sebastián",
    "Sofia",
    "Stefan",
    "Tariq",
    "Theo",
    "Tomasz",
    "Vera",
    "Viktor",
    "Yara",
    "Zofia",
    "Émile",
    "Åsa",
    "Ødegaard",
    "Jürg",
];

pub const MORE_LAST: &[&str] = &[
    "Andersen",
    "Bakker",
    "Becker",
    "Bianchi",
    "Castro",
    "Dahl",
    "Demir",
    "Eriksson",
    "Ferrari",
    "Fischer",
    "Gomes",
    "González",
    "Hansen",
    "Hernández",
    "Hoffmann",
    "Ivanova",
    "Jansen",
    "Jensen",
    "Kaya",
    "Keller",
    "Khan",
    "Kim",
    "Kovač",
    "Larsen",
    "Lefèvre",
    "López",
    "Martin",
    "Martins",
    "Meyer",
    "Mishra",
    "Moreno",
    "Nielsen",
    "Nowak",
    "Öztürk",
    "Pereira",
    "Popescu",
    "Quinn",
    "Ramos",
    "Richter",
    "Romano",
    "Santos",
    "Schmidt",
    "Silva",
    "Sokolov",
    "Suzuki",
    "Svensson",
    "Takahashi",
    "Tanaka",
    "Torres",
    "Vargas",
    "Virtanen",
    "Vogel",
    "Wagner",
    "Weber",
    "Wiśniewska",
    "Wójcik",
    "Zhang",
    "Ahmed",
    "Baptiste",
    "Mwangi",
];

const ZH_FAMILY: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const ZH_GIVEN: &[&str] = &[
    "芳", "娜", "伟", "静", "洋", "敏", "磊", "军", "秀英", "婷", "志明", "美玲", "建华", "丽",
    "强", "杰", "佳怡", "子涵", "浩然", "欣怡", "雨轩", "晨", "思远", "梓萱",
];
const JA_FAMILY: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
];
const JA_GIVEN: &[&str] = &[
    "健", "花子", "陽菜", "蓮", "翔", "結衣", "大輝", "美咲", "悠真", "葵", "湊", "凛",
];
const KO_FAMILY: &[&str] = &["김", "이", "박", "최", "정", "강"];
const KO_GIVEN: &[&str] = &[
    "민준", "서연", "지훈", "하은", "도윤", "서준", "지우", "예은", "시우", "수아",
];

/// One person's name.
pub fn name(rng: &mut Rng) -> String {
    match rng.below(1000) {
        n if n < VERY_COMMON_PER_MILLE => rng.pick(VERY_COMMON).to_string(),
        n if n < VERY_COMMON_PER_MILLE + CJK_PER_MILLE => cjk(rng),
        _ => latin(rng),
    }
}

fn latin(rng: &mut Rng) -> String {
    let first = pick2(rng, FIRST_NAMES, MORE_FIRST);
    let last = pick2(rng, LAST_NAMES, MORE_LAST);
    match rng.below(100) {
        0..=34 => {
            let initial = char::from(b'A' + rng.below(26) as u8);
            format!("{first} {initial}. {last}")
        }
        35..=59 => format!("{first} {last} {}", pick2(rng, LAST_NAMES, MORE_LAST)),
        _ => format!("{first} {last}"),
    }
}

fn cjk(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=5 => format!("{}{}", rng.pick(ZH_FAMILY), rng.pick(ZH_GIVEN)),
        6..=8 => format!("{} {}", rng.pick(JA_FAMILY), rng.pick(JA_GIVEN)),
        _ => format!("{}{}", rng.pick(KO_FAMILY), rng.pick(KO_GIVEN)),
    }
}

/// One of the two lists' names, all equally likely.
fn pick2(rng: &mut Rng, a: &[&'static str], b: &[&'static str]) -> &'static str {
    let i = rng.below(a.len() + b.len());
    a.get(i).copied().unwrap_or_else(|| b[i - a.len()])
}
