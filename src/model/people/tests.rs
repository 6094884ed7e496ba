use super::*;

fn ids(n: u64) -> Vec<PersonId> {
    (1..=n).map(PersonId).collect()
}

#[test]
fn one_or_two_people_need_no_heap_block_and_the_list_is_no_bigger_than_a_vec() {
    assert_eq!(
        std::mem::size_of::<People>(),
        std::mem::size_of::<Vec<PersonId>>()
    );
    for n in 0..=4 {
        let people = People::from(ids(n));
        assert_eq!(people.spilled(), n > 2, "{n} people");
        assert_eq!(people, ids(n), "{n} people");
    }
    // A Vec with room to spare still comes inline.
    let mut roomy = Vec::with_capacity(16);
    roomy.push(PersonId(7));
    assert!(!People::from(roomy).spilled());
}

#[test]
fn written_and_read_as_a_vec_is() {
    for n in 0..=4 {
        let people = People::from(ids(n));
        let text = ron::to_string(&people).unwrap();
        assert_eq!(text, ron::to_string(&ids(n)).unwrap(), "{n} people");
        assert_eq!(ron::from_str::<People>(&text).unwrap(), people, "{text}");
        assert_eq!(format!("{people:?}"), format!("{:?}", ids(n)));
    }
}

#[test]
fn reads_and_changes_like_a_list() {
    let mut people: People = [PersonId(3), PersonId(1)].into();
    people.push(PersonId(3));
    assert!(people.contains(&PersonId(1)));
    assert_eq!(people[2], PersonId(3));
    people.sort_unstable();
    people.dedup();
    assert_eq!(people, [PersonId(1), PersonId(3)]);
    people.retain(|p| *p != PersonId(1));
    people.insert(0, PersonId(9));
    assert_eq!(people.remove(1), PersonId(3));
    assert_eq!(Vec::from(people), vec![PersonId(9)]);
}
