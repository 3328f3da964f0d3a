//! Confirmed joins: a device with a right proof waits, showing a check number, until an admin
//! of the inviting device lets it in or refuses it. Whoever overheard a code and used it first
//! is refused and keeps nothing; the colleague it was meant for is let in.

use std::process::Stdio;
use std::time::Duration;

use comptoir_testkit::{Lines, ProcessGroup};
use serde_json::Value;

use crate::support::{Device, PATIENCE, Server, TIMEOUT, about};

/// A serving device with a group of one member; the code it made, which needs approval.
fn serving_with_code() -> (Device, String, Server, String) {
    let a = Device::new();
    let group = a.bistrot("Bistrot du Social de Charleroi");
    a.create(&["member", "add", &group, "--name", "Salomé Ferreira"]);
    let server = a.serve();
    let code = a.json(&["invite", "create", &group, "--address", &server.address])["code"]
        .as_str()
        .expect("a code")
        .to_string();
    (a, group, server, code)
}

/// `invite accept CODE --label LABEL`, running; its stderr line by line.
struct Accepting {
    process: ProcessGroup,
    stderr: Lines<String>,
}

fn accept(device: &Device, code: &str, label: &str) -> Accepting {
    let mut command = device.command(&[
        "--json",
        "invite",
        "accept",
        code,
        "--label",
        label,
        "--no-mdns",
        "--timeout",
        TIMEOUT,
    ]);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut process = ProcessGroup::spawn(&mut command).expect("invite accept starts");
    let pipe = process.child_mut().stderr.take().expect("piped stderr");
    Accepting {
        process,
        stderr: Lines::spawn(pipe, 64, |line| line),
    }
}

impl Accepting {
    /// The check number the waiting device prints (`check 482 913`).
    fn check(&self) -> String {
        loop {
            let line = self
                .stderr
                .next(PATIENCE)
                .expect("the joining device prints its check number while it waits");
            if let Some(check) = line.strip_prefix("check ") {
                return check.trim().to_string();
            }
        }
    }

    /// Waits for the end: (success, stdout, the rest of stderr).
    fn finish(mut self) -> (bool, String, String) {
        let status = self.process.wait().expect("invite accept ends");
        let mut stdout = String::new();
        if let Some(mut pipe) = self.process.child_mut().stdout.take() {
            std::io::Read::read_to_string(&mut pipe, &mut stdout).expect("stdout is text");
        }
        let mut rest = Vec::new();
        while let Ok(line) = self.stderr.next(Duration::from_secs(1)) {
            rest.push(line);
        }
        (status.success(), stdout, rest.join("\n"))
    }
}

fn request_of<'a>(pending: &'a Value, device: &Device) -> &'a Value {
    pending
        .as_array()
        .expect("a list of requests")
        .iter()
        .find(|r| r["peer"] == device.peer_id().as_str())
        .unwrap_or_else(|| panic!("no request from {}: {pending}", device.peer_id()))
}

#[test]
fn an_overheard_code_used_first_by_a_stranger_is_denied_and_the_colleague_is_let_in() {
    // 1. A serves; its admin reads a code aloud for Bruno. Xavier overhears it, and his
    //    laptop (X) asks first, calling itself Bruno's.
    let (a, group, server, code) = serving_with_code();
    let x = Device::new();
    let stranger = accept(&x, &code, "Portable de Bruno");
    let x_check = stranger.check();
    let requested = server.wait_for("X's request", |e| about(e, "join-requested", &x.peer_id()));
    assert_eq!(requested["check"], x_check.as_str(), "{requested}");
    assert_eq!(requested["group"], group.as_str());

    // 2. Bruno's laptop (B) asks too. Both wait; `invite pending` lists both, each with the
    //    number its screen shows.
    let b = Device::new();
    let colleague = accept(&b, &code, "Portable de Bruno");
    let b_check = colleague.check();
    server.wait_for("B's request", |e| about(e, "join-requested", &b.peer_id()));
    let pending = a.json(&["invite", "pending", &group]);
    assert_eq!(pending.as_array().map(Vec::len), Some(2), "{pending}");
    let (x_request, b_request) = (request_of(&pending, &x), request_of(&pending, &b));
    assert_eq!(x_request["check"], x_check.as_str());
    assert_eq!(b_request["check"], b_check.as_str());
    assert_eq!(b_request["label"], "Portable de Bruno");
    assert_eq!(b_request["role"], "facilitator");

    // 3. The admin asks Bruno for his number: it is B's. X is denied, B approved.
    let denied = a.json(&["invite", "deny", x_request["id"].as_str().expect("an id")]);
    assert_eq!(denied["decision"], "denied");
    let approved = a.json(&[
        "invite",
        "approve",
        b_request["id"].as_str().expect("an id"),
    ]);
    assert_eq!(approved["decision"], "approved");

    // 4. X is told, and keeps nothing: no group, no document, no membership log.
    let (ok, _, said) = stranger.finish();
    assert!(!ok, "the stranger's join succeeded");
    assert!(
        said.contains("an admin of the group refused this device"),
        "{said}"
    );
    assert_eq!(x.json(&["group", "list"]), serde_json::json!([]));
    assert_eq!(x.count_rows("documents"), 0);
    assert_eq!(x.count_rows("authority"), 0);

    // 5. B has the group, and the log lists B with its label.
    let (ok, stdout, said) = colleague.finish();
    assert!(ok, "Bruno's join failed: {said}");
    let joined: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(joined["joined"], group.as_str());
    let names: Vec<Value> = b
        .json(&["member", "list", &group])
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["name"].clone())
        .collect();
    assert_eq!(names, ["Salomé Ferreira"]);
    server.wait_for("B invited", |e| about(e, "invited", &b.peer_id()));

    // 6. The code is spent: nothing waits any more, and X cannot be let in after all.
    assert_eq!(a.json(&["invite", "pending"]), serde_json::json!([]));
    let message = a.fails(&[
        "invite",
        "approve",
        x_request["id"].as_str().expect("an id"),
    ]);
    assert!(message.contains("decided already"), "{message}");
}

#[test]
fn a_preapproved_code_needs_no_one_and_a_request_is_decided_where_it_waits() {
    // 1. A makes a preapproved code: B joins at once, as a facilitator.
    let a = Device::new();
    let group = a.bistrot("Pause-café de Gilly");
    let server = a.serve();
    let code = b_code(&a, &group, &server, &["--preapproved"]);
    let b = Device::new();
    let joined = b.accept(&code, TIMEOUT).json(&["invite", "accept"]);
    assert_eq!(joined["joined"], group.as_str());

    // 2. A code that needs approval: C waits. The request is A's: B cannot decide it.
    let code = b_code(&a, &group, &server, &[]);
    let c = Device::new();
    let waiting = accept(&c, &code, "Portable de Chloé");
    waiting.check();
    let request = server.wait_for("C's request", |e| about(e, "join-requested", &c.peer_id()));
    let id = request["request"].as_str().expect("a request id");
    let message = b.fails(&["invite", "approve", id]);
    assert!(message.contains("no join request"), "{message}");
    let pending = a.json(&["invite", "pending", &group]);
    assert_eq!(pending.as_array().map(Vec::len), Some(1), "{pending}");

    // 3. An unknown request id is refused with a clear message.
    let message = a.fails(&["invite", "approve", "00000000"]);
    assert!(message.contains("invite pending"), "{message}");

    // 4. The admin approves: C is in.
    a.json(&["invite", "approve", id]);
    let (ok, _, said) = waiting.finish();
    assert!(ok, "C's join failed: {said}");
}

fn b_code(a: &Device, group: &str, server: &Server, extra: &[&str]) -> String {
    let mut args = vec!["invite", "create", group, "--address", &server.address];
    args.extend_from_slice(extra);
    a.json(&args)["code"].as_str().expect("a code").to_string()
}
