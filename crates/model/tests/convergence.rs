//! Property tests: copies of a group that receive the same changes, in any order and any number
//! of times, hold the same group; and a group saved and loaded is the same group.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use automerge::{AutoCommit, ChangeHash, LoadOptions, TextEncoding};
use comptoir_model::{
    ConsentKind, Date, EventId, GroupDoc, MemberChanges, MemberId, NoteId, Rsvp, SectionId,
    occurrences,
};
use proptest::prelude::*;
use proptest::sample::Index;

use common::{
    TestResult, actor, date, event, event_id, fork, local, member_id, new_group, note, note_id,
    person, snapshot,
};

/// Invented people, titles and headings the operations draw from.
const NAMES: [&str; 6] = [
    "Noémie Lambert",
    "Yusuf Demir",
    "Irène Vasseur",
    "Kofi Mensah",
    "Élodie Piron",
    "Çağan Öztürk",
];
const TITLES: [&str; 4] = [
    "Bistrot du jeudi",
    "Pause-café",
    "Ébullition",
    "Atelier « pépites »",
];
const HEADINGS: [&str; 3] = ["Réflexions", "Pépites", "Suites à donner"];

/// One thing a facilitator does on one device. Indexes pick among what that device holds then.
#[derive(Debug, Clone)]
enum Op {
    AddMember {
        name: usize,
    },
    UpdateMember {
        member: Index,
        change: MemberChange,
    },
    RemoveMember {
        member: Index,
    },
    AddEvent {
        title: usize,
        weekly: bool,
        days_after: i64,
    },
    CancelOccurrence {
        event: Index,
        occurrence: Index,
        reason: Option<String>,
    },
    MoveOccurrence {
        event: Index,
        occurrence: Index,
        days_later: i64,
    },
    Answer {
        event: Index,
        occurrence: Index,
        member: Index,
        answer: Rsvp,
    },
    AddNote {
        title: usize,
    },
    AppendToNote {
        note: Index,
        heading: usize,
        text: String,
    },
    EditSection {
        note: Index,
        section: Index,
        edits: Vec<Edit>,
    },
}

#[derive(Debug, Clone)]
enum MemberChange {
    Town(String),
    Phone(String),
    Email(String),
    Name(usize),
    Newsletter(bool),
}

/// Typing in a text: at some character, delete a few characters and insert others.
#[derive(Debug, Clone)]
struct Edit {
    at: Index,
    delete: usize,
    insert: String,
}

fn answer() -> impl Strategy<Value = Rsvp> {
    prop_oneof![Just(Rsvp::Yes), Just(Rsvp::No), Just(Rsvp::Maybe)]
}

fn member_change() -> impl Strategy<Value = MemberChange> {
    prop_oneof![
        "[A-Z][a-zéè-]{2,10}".prop_map(MemberChange::Town),
        "0[0-9]{3} [0-9]{2} [0-9]{2} [0-9]{2}".prop_map(MemberChange::Phone),
        "[a-z]{1,8}@exemple\\.be".prop_map(MemberChange::Email),
        (0..NAMES.len()).prop_map(MemberChange::Name),
        any::<bool>().prop_map(MemberChange::Newsletter),
    ]
}

/// Text with accents, a currency sign and an emoji: several bytes per character.
const TYPED: &str = "[a-zéç€😀 ]{0,6}";

fn edit() -> impl Strategy<Value = Edit> {
    (any::<Index>(), 0..4_usize, TYPED).prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..NAMES.len()).prop_map(|name| Op::AddMember { name }),
        2 => (any::<Index>(), member_change()).prop_map(|(member, change)| Op::UpdateMember { member, change }),
        1 => any::<Index>().prop_map(|member| Op::RemoveMember { member }),
        1 => (0..TITLES.len(), any::<bool>(), 0..60_i64)
            .prop_map(|(title, weekly, days_after)| Op::AddEvent { title, weekly, days_after }),
        1 => (any::<Index>(), any::<Index>(), proptest::option::of("[a-zé ]{0,12}"))
            .prop_map(|(event, occurrence, reason)| Op::CancelOccurrence { event, occurrence, reason }),
        1 => (any::<Index>(), any::<Index>(), 1..20_i64)
            .prop_map(|(event, occurrence, days_later)| Op::MoveOccurrence { event, occurrence, days_later }),
        2 => (any::<Index>(), any::<Index>(), any::<Index>(), answer())
            .prop_map(|(event, occurrence, member, answer)| Op::Answer { event, occurrence, member, answer }),
        1 => (0..TITLES.len()).prop_map(|title| Op::AddNote { title }),
        2 => (any::<Index>(), 0..HEADINGS.len(), "[a-zé€😀]{1,5}( [a-zéç€😀]{1,5}){0,2}")
            .prop_map(|(note, heading, text)| Op::AppendToNote { note, heading, text }),
        4 => (any::<Index>(), any::<Index>(), proptest::collection::vec(edit(), 1..4))
            .prop_map(|(note, section, edits)| Op::EditSection { note, section, edits }),
    ]
}

/// Up to `max` operations on each of 2 to 4 devices.
fn devices(max: usize) -> impl Strategy<Value = Vec<Vec<Op>>> {
    proptest::collection::vec(proptest::collection::vec(op(), 0..=max), 2..=4)
}

/// A group with two members, a weekly and a one-off event, and a note with two sections whose
/// text already holds multi-byte characters.
fn base() -> TestResult<GroupDoc> {
    let mut doc = new_group()?;
    let today = date("2021-01-04")?;
    doc.add_member(member_id(1), person("Amina Benali"), today)?;
    doc.add_member(member_id(2), person("Bruno Delvaux"), today)?;
    doc.add_event(
        event_id(1),
        event(
            "Bistrot",
            "2021-01-07T18:30",
            Some("2021-01-07T20:30"),
            Some("FREQ=WEEKLY;COUNT=8"),
        )?,
    )?;
    doc.add_event(
        event_id(2),
        event("Assemblée générale", "2021-03-20T10:00", None, None)?,
    )?;
    doc.add_note(
        note_id(1),
        note(
            "Synthèse",
            &[
                ("Réflexions", "ça commence"),
                ("Pépites", "5 € le café 😀, à voir"),
            ],
        ),
        today,
        common::section_ids(),
    )?;
    Ok(doc)
}

/// Picks one of `items`, if there are any.
fn pick<T: Clone>(items: &[T], index: &Index) -> Option<T> {
    (!items.is_empty()).then(|| items[index.index(items.len())].clone())
}

fn member_ids(doc: &GroupDoc) -> TestResult<Vec<MemberId>> {
    Ok(doc.members()?.into_keys().map(MemberId::new).collect())
}

fn event_ids(doc: &GroupDoc) -> TestResult<Vec<EventId>> {
    Ok(doc.events()?.into_keys().map(EventId::new).collect())
}

fn note_ids(doc: &GroupDoc) -> TestResult<Vec<NoteId>> {
    Ok(doc.notes()?.into_keys().map(NoteId::new).collect())
}

/// The original dates of an event's occurrences.
fn occurrence_dates(doc: &GroupDoc, id: &EventId) -> TestResult<Vec<Date>> {
    let event = doc.event(id)?;
    let listed = occurrences([&event], None, date("2022-12-31")?.0)?;
    Ok(listed.into_iter().map(|o| o.occurrence).collect())
}

/// Applies `text`'s edits character by character, so every cut falls between characters.
fn edited(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = edit.at.index(chars.len() + 1);
        let end = (at + edit.delete).min(chars.len());
        chars.splice(at..end, edit.insert.chars());
    }
    chars.into_iter().collect()
}

/// Applies `op` on `doc`, the `step`-th operation of `device`, making fresh ids from both.
/// Operations are drawn so that they are valid: any error fails the test.
fn apply(doc: &mut GroupDoc, device: u8, step: u8, op: &Op) -> TestResult {
    let today = date("2021-02-01")?;
    let fresh = [0x80 | device, step, 0, 0, 0, 0];
    match op {
        Op::AddMember { name } => {
            doc.add_member(MemberId::from_random(fresh), person(NAMES[*name]), today)?;
        }
        Op::UpdateMember { member, change } => {
            let Some(id) = pick(&member_ids(doc)?, member) else {
                return Ok(());
            };
            let mut changes = MemberChanges::default();
            match change {
                MemberChange::Town(town) => changes.town = Some(town.clone()),
                MemberChange::Phone(phone) => changes.phone = Some(phone.clone()),
                MemberChange::Email(email) => changes.email = Some(email.clone()),
                MemberChange::Name(name) => changes.name = Some(NAMES[*name].into()),
                MemberChange::Newsletter(true) => changes.grant.push(ConsentKind::Newsletter),
                MemberChange::Newsletter(false) => changes.withdraw.push(ConsentKind::Newsletter),
            }
            doc.update_member(&id, changes, today)?;
        }
        Op::RemoveMember { member } => {
            let Some(id) = pick(&member_ids(doc)?, member) else {
                return Ok(());
            };
            doc.remove_member(&id)?;
        }
        Op::AddEvent {
            title,
            weekly,
            days_after,
        } => {
            let day = Date(date("2021-01-05")?.0 + chrono::Duration::days(*days_after));
            let start = format!("{day}T18:30");
            let repeat = weekly.then_some("FREQ=WEEKLY;COUNT=6");
            doc.add_event(
                EventId::from_random(fresh),
                event(TITLES[*title], &start, None, repeat)?,
            )?;
        }
        Op::CancelOccurrence {
            event,
            occurrence,
            reason,
        } => {
            let Some(id) = pick(&event_ids(doc)?, event) else {
                return Ok(());
            };
            let Some(day) = pick(&occurrence_dates(doc, &id)?, occurrence) else {
                return Ok(());
            };
            doc.update_event(&id, |e| e.cancel(Some(day), reason.clone()))?;
        }
        Op::MoveOccurrence {
            event,
            occurrence,
            days_later,
        } => {
            let Some(id) = pick(&event_ids(doc)?, event) else {
                return Ok(());
            };
            let Some(day) = pick(&occurrence_dates(doc, &id)?, occurrence) else {
                return Ok(());
            };
            let to = local(&format!(
                "{}T19:00",
                Date(day.0 + chrono::Duration::days(*days_later))
            ))?;
            doc.update_event(&id, |e| e.move_occurrence(day, to, None))?;
        }
        Op::Answer {
            event,
            occurrence,
            member,
            answer,
        } => {
            let Some(id) = pick(&event_ids(doc)?, event) else {
                return Ok(());
            };
            let Some(day) = pick(&occurrence_dates(doc, &id)?, occurrence) else {
                return Ok(());
            };
            let Some(who) = pick(&member_ids(doc)?, member) else {
                return Ok(());
            };
            doc.update_event(&id, |e| e.answer(&who, Some(day), *answer))?;
        }
        Op::AddNote { title } => {
            let mut next = 0_u8;
            let ids = || {
                next += 1;
                SectionId::from_random([0x80 | device, step, next, 0])
            };
            doc.add_note(
                NoteId::from_random(fresh),
                note(TITLES[*title], &[("Réflexions", "")]),
                today,
                ids,
            )?;
        }
        Op::AppendToNote {
            note,
            heading,
            text,
        } => {
            let Some(id) = pick(&note_ids(doc)?, note) else {
                return Ok(());
            };
            let section = SectionId::from_random([0x80 | device, step, 0xff, 0]);
            doc.append_to_note(&id, HEADINGS[*heading], text, section)?;
        }
        Op::EditSection {
            note,
            section,
            edits,
        } => {
            let Some(id) = pick(&note_ids(doc)?, note) else {
                return Ok(());
            };
            let sections = doc.note(&id)?.sections;
            let Some(target) = pick(&sections, section) else {
                return Ok(());
            };
            let text = edited(target.body.as_str(), edits);
            let after = doc.edit_section(&id, &target.id, &text)?;
            let written = after
                .sections
                .iter()
                .find(|s| s.id == target.id)
                .map(|s| s.body.as_str().to_string());
            assert_eq!(
                written.as_deref(),
                Some(text.as_str()),
                "the edit was not written as typed"
            );
            assert_eq!(
                doc.note(&id)?
                    .sections
                    .iter()
                    .find(|s| s.id == target.id)
                    .map(|s| s.body.as_str().to_string()),
                written
            );
        }
    }
    Ok(())
}

/// A small deterministic generator (SplitMix64) for delivery orders, seeded by proptest.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// Every chunk at least once, in a random order, some of them again at random places.
    fn deliveries<'a>(&mut self, chunks: &'a [Vec<u8>]) -> Vec<&'a [u8]> {
        let mut order: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
        for _ in 0..chunks.len() / 3 + 1 {
            order.push(&chunks[self.below(chunks.len())]);
        }
        for i in (1..order.len()).rev() {
            order.swap(i, self.below(i + 1));
        }
        order
    }
}

fn fail(e: Box<dyn std::error::Error>) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// Runs each device's operations on its own copy of `base`, keeping what each device would
/// send after every operation (its `take_unsaved` bytes).
fn run_devices(base: &mut GroupDoc, plan: &[Vec<Op>]) -> TestResult<(Vec<GroupDoc>, Vec<Vec<u8>>)> {
    let mut copies = Vec::new();
    let mut chunks = vec![base.save()];
    for (device, ops) in plan.iter().enumerate() {
        let device = u8::try_from(device)?;
        let mut copy = fork(base, &format!("appareil-{device}"))?;
        for (step, op) in ops.iter().enumerate() {
            apply(&mut copy, device, u8::try_from(step)?, op)?;
            let chunk = copy.take_unsaved();
            if !chunk.is_empty() {
                chunks.push(chunk);
            }
        }
        copies.push(copy);
    }
    Ok((copies, chunks))
}

type State = (Vec<ChangeHash>, String);

/// Delivers the chunks, in `shuffler`'s order, to an empty Automerge document, then opens it.
fn deliver_to_empty(chunks: &[Vec<u8>], shuffler: &mut Shuffler) -> TestResult<State> {
    let mut doc = AutoCommit::load_with_options(
        &[],
        LoadOptions::new().text_encoding(TextEncoding::Utf8CodeUnit),
    )?
    .with_actor(actor("destinataire"));
    for chunk in shuffler.deliveries(chunks) {
        doc.load_incremental(chunk)?;
    }
    let mut group = GroupDoc::from_automerge(doc)?;
    snapshot(&mut group)
}

/// Delivers the chunks, in `shuffler`'s order, to an open copy of the base group.
fn deliver_to_copy(base: &[u8], chunks: &[Vec<u8>], shuffler: &mut Shuffler) -> TestResult<State> {
    let mut group = GroupDoc::load(base, actor("destinataire"))?;
    for chunk in shuffler.deliveries(chunks) {
        group.load_incremental(chunk)?;
    }
    snapshot(&mut group)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Copies receiving every device's changes in any order, some twice, end up identical.
    #[test]
    fn any_order_or_duplication_of_delivered_changes_converges(plan in devices(8), seed in any::<u64>()) {
        // 1. A base group, shared by 2 to 4 devices.
        let mut base = base().map_err(fail)?;
        let base_bytes = base.save();

        // 2. Offline, each device makes its own changes, saving after each one.
        let (mut devices, chunks) = run_devices(&mut base, &plan).map_err(fail)?;

        // 3. The reference: every device merged into one copy, in device order.
        let mut reference = GroupDoc::load(&base_bytes, actor("référence"))?;
        for device in &mut devices {
            reference.merge(device)?;
        }
        let expected = snapshot(&mut reference).map_err(fail)?;

        // 4. Merging in the reverse order gives the same.
        let mut reversed = GroupDoc::load(&base_bytes, actor("inverse"))?;
        for device in devices.iter_mut().rev() {
            reversed.merge(device)?;
        }
        prop_assert_eq!(&snapshot(&mut reversed).map_err(fail)?, &expected);

        // 5. Empty documents and copies of the base, receiving the saved chunks in random
        //    orders with duplicates, converge to the same heads and the same group.
        let mut shuffler = Shuffler(seed);
        for _ in 0..2 {
            prop_assert_eq!(&deliver_to_empty(&chunks, &mut shuffler).map_err(fail)?, &expected);
            prop_assert_eq!(&deliver_to_copy(&base_bytes, &chunks, &mut shuffler).map_err(fail)?, &expected);
        }

        // 6. So do the individual changes, delivered one by one in a random order.
        let changes: Vec<Vec<u8>> = automerge::AutoCommit::load(&reference.save()).map_err(|e| fail(e.into()))?.get_changes(&[]).iter().map(|c| c.raw_bytes().to_vec()).collect();
        prop_assert_eq!(&deliver_to_empty(&changes, &mut shuffler).map_err(fail)?, &expected);
    }

    /// A group saved and loaded again is the same group, whether saved whole or bit by bit.
    #[test]
    fn save_and_load_round_trip(ops in proptest::collection::vec(op(), 0..16)) {
        // 1. A group changed by a series of operations, saved bit by bit after each.
        let mut doc = base().map_err(fail)?;
        let mut increments = doc.take_unsaved();
        for (step, op) in ops.iter().enumerate() {
            apply(&mut doc, 0, u8::try_from(step)?, op).map_err(fail)?;
            increments.extend(doc.take_unsaved());
        }
        let expected = snapshot(&mut doc).map_err(fail)?;

        // 2. Loaded from a whole save, it is the same.
        let mut whole = GroupDoc::load(&doc.save(), actor("relu"))?;
        prop_assert_eq!(&snapshot(&mut whole).map_err(fail)?, &expected);

        // 3. Loaded from the bits concatenated, it is the same.
        let mut pieced = GroupDoc::load(&increments, actor("relu"))?;
        prop_assert_eq!(&snapshot(&mut pieced).map_err(fail)?, &expected);
    }
}
