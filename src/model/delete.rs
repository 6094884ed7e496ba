//! Deleting a person for good, with what names them.

use super::{Book, Op, PersonId};

/// Deletes `id` with every entry naming them: an entry naming only them goes,
/// one naming others too just drops them; "introduced by" them is cleared.
pub fn delete_op(book: &Book, id: PersonId) -> Op {
    let mut ops = Vec::new();
    for e in book.entries.iter().filter(|e| e.names(id)) {
        if e.people.iter().all(|p| *p == id) {
            ops.push(Op::DeleteEntry(e.id));
        } else {
            let mut e = e.clone();
            e.people.retain(|p| *p != id);
            ops.push(Op::UpdateEntry(e));
        }
    }
    for p in book
        .people
        .iter()
        .filter(|p| p.met.introduced_by == Some(id))
    {
        let mut changed = p.clone();
        changed.met.introduced_by = None;
        ops.push(Op::edit_person(p, changed));
    }
    ops.push(Op::DeletePerson(id));
    Op::Batch(ops)
}
