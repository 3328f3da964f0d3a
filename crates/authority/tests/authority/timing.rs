//! How long a device takes to check a realistic log of about 200 operations.

use std::time::Instant;

use comptoir_authority::{Body, Log, Operation, Role};

use crate::fixture::*;

/// Three admins and their facilitators working concurrently for a while: rounds in which each
/// admin issues a few operations on its own copy, then all copies sync.
pub fn two_hundred_ops() -> Log {
    let first = group_with(&[(BOB, Role::Admin), (CAROL, Role::Admin)]);
    let mut copies = [copy(&first), copy(&first), copy(&first)];
    let admins = [ALICE, BOB, CAROL];
    let mut round = 0i64;
    while copies[0].len() < 200 {
        for (i, log) in copies.iter_mut().enumerate() {
            let admin = admins[i];
            let device = 10 + round as u8 * 3 + i as u8;
            let t = round * 10 + i as i64;
            add(log, admin, device, Role::Facilitator, t);
            register(log, device, &[device, round as u8], t + 1);
            let _ = log.issue(
                &key(admin),
                Body::ChangeRole {
                    device: id(device),
                    role: Role::Federation,
                },
                at(t + 2),
            );
            if round % 4 == 3 {
                let _ = log.issue(
                    &key(admin),
                    Body::Remove {
                        device: id(device),
                        content_heads: vec![[round as u8; 32]],
                    },
                    at(t + 3),
                );
            }
        }
        for from in 0..3 {
            for to in 0..3 {
                if from != to {
                    let ops: Vec<Operation> = copies[from]
                        .ops_missing_for(&copies[to].heads())
                        .into_iter()
                        .cloned()
                        .collect();
                    copies[to].receive_all(ops);
                }
            }
        }
        round += 1;
    }
    let [log, ..] = copies;
    log
}

#[test]
#[allow(clippy::print_stdout)] // The figures are printed for people (`--nocapture`).
fn a_log_of_two_hundred_operations_is_checked_quickly() {
    let log = two_hundred_ops();
    let bytes = log.to_bytes();
    let ops: Vec<Operation> = log.ops().cloned().collect();
    let concurrent = ops.iter().filter(|op| op.parents().len() > 1).count();

    let started = Instant::now();
    let stored = Log::from_bytes(&bytes).expect("reads back");
    let from_bytes = started.elapsed();

    // Without signatures (already checked when decoded): receiving in order, then newest first.
    let started = Instant::now();
    let in_order = fresh_with(&ops[0], ops[1..].iter().cloned());
    let in_order_time = started.elapsed();
    let started = Instant::now();
    let reversed = fresh_with(&ops[0], ops[1..].iter().rev().cloned());
    let reversed_time = started.elapsed();
    let started = Instant::now();
    let members = reversed.members().count();
    let resolve_time = started.elapsed();

    assert_same(&[&log, &stored, &in_order, &reversed]);
    println!(
        "{} operations ({concurrent} merges, {} bytes, {members} members): from_bytes {from_bytes:?}, \
         receive in order {in_order_time:?}, newest first {reversed_time:?} + resolution {resolve_time:?}",
        log.len(),
        bytes.len(),
    );
    assert!(log.len() >= 200);
    // Generous, for unoptimised builds on a slow machine; release figures are in the report.
    assert!(from_bytes.as_secs_f64() < 2.0, "{from_bytes:?}");
}
