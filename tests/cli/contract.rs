//! The command line's contract with the scripts and tools that drive it: help, `--json`
//! documents with ids, one-line errors, and where the data lives.

use std::process::Command;

use crate::common::{BIN, Comptoir, Run};

/// The command with no data directory given, and a home of its own so that a fallback to the
/// platform's data directory would land in `home`, never in the real one.
fn without_data_dir(home: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("COMPTOIR_DATA_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"));
    cmd
}

#[test]
fn help_and_version_go_to_stdout() {
    // 1. `--help` names every command.
    let help = Run::of(Command::new(BIN).arg("--help"));
    assert!(help.status.success(), "{}", help.stderr);
    assert_eq!(help.stderr, "");
    assert!(help.stdout.contains("Usage: comptoir"), "{}", help.stdout);
    for command in ["group", "member", "event", "note", "export", "import"] {
        assert!(
            help.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "no {command} in:\n{}",
            help.stdout
        );
    }
    // 2. A subcommand's help names its options.
    let add = Run::of(Command::new(BIN).args(["member", "add", "--help"]));
    assert!(add.status.success(), "{}", add.stderr);
    for option in [
        "--name",
        "--organisation",
        "--member-of",
        "--email",
        "--phone",
        "--consent",
    ] {
        assert!(
            add.stdout.contains(option),
            "no {option} in:\n{}",
            add.stdout
        );
    }
    // 3. `--version` prints the name and version.
    let version = Run::of(Command::new(BIN).arg("--version"));
    assert!(version.status.success());
    assert_eq!(
        version.stdout.trim(),
        format!("comptoir {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn every_create_command_prints_the_new_id_in_json() {
    let comptoir = Comptoir::new();
    // 1. Each create command's JSON has a non-empty `id`, by which the object is found again.
    let group = comptoir.create(&[
        "group",
        "create",
        "--name",
        "Bistrot du Social de Fleurus",
        "--kind",
        "bistrot",
        "--country",
        "BE",
    ]);
    assert_eq!(
        comptoir.json(&["group", "show", &group])["id"],
        group.as_str()
    );
    let member = comptoir.create(&["member", "add", &group, "--name", "Maëlle Dumont"]);
    assert_eq!(
        comptoir.json(&["member", "show", &group, &member])["name"],
        "Maëlle Dumont"
    );
    let event = comptoir.create(&[
        "event",
        "add",
        &group,
        "--title",
        "Bistrot de rentrée",
        "--kind",
        "bistrot",
        "--start",
        "2021-09-02T18:30",
    ]);
    assert_eq!(
        comptoir.json(&["event", "list", &group])[0]["event"],
        event.as_str()
    );
    let note = comptoir.create(&[
        "note",
        "add",
        &group,
        "--title",
        "Compte rendu de rentrée",
        "--event",
        &event,
    ]);
    assert_eq!(
        comptoir.json(&["note", "show", &group, &note])["event"],
        event.as_str()
    );
    // 2. So does an import, with the group's id.
    let file = comptoir.file("fleurus.automerge");
    comptoir.json(&[
        "export",
        &group,
        "--format",
        "automerge",
        "-o",
        file.to_str().unwrap(),
    ]);
    let elsewhere = Comptoir::new();
    assert_eq!(elsewhere.create(&["import", file.to_str().unwrap()]), group);
    for id in [&group, &member, &event, &note] {
        assert!(
            !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit()),
            "{id:?}"
        );
    }
}

#[test]
fn errors_are_one_line_on_stderr_with_a_non_zero_exit() {
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Fleurus");
    // Each case: usage mistakes caught by the parser and refusals by the application, with and
    // without `--json` (which must not print a half document).
    let cases: [&[&str]; 8] = [
        &["frobnicate"],
        &["member", "add", &group],
        &[
            "group",
            "create",
            "--name",
            "Bistrot",
            "--kind",
            "brasserie",
        ],
        &[
            "--json",
            "member",
            "add",
            &group,
            "--name",
            "Maëlle Dumont",
            "--email",
            "pas-une-adresse",
        ],
        &["--json", "group", "show", "Bistrot de Nulle-Part"],
        &[
            "event", "add", &group, "--title", "Bistrot", "--kind", "bistrot", "--start", "demain",
        ],
        &[
            "group", "create", "--name", "Bistrot", "--kind", "bistrot", "--lat", "95", "--lon",
            "4.4",
        ],
        &["import", "/nonexistent/fleurus.automerge"],
    ];
    for args in cases {
        let line = comptoir.fails(args);
        assert!(
            line.starts_with("comptoir: ") && line.len() > "comptoir: ".len() + 10,
            "{args:?}: {line:?}"
        );
    }
    // A parser mistake exits with 2, a refused operation with 1.
    assert_eq!(comptoir.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        comptoir
            .run(&["group", "show", "Bistrot de Nulle-Part"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn the_data_directory_comes_from_comptoir_data_dir_when_no_flag_is_given() {
    let home = tempfile::tempdir().unwrap();
    let from_env = home.path().join("from-env");
    let from_flag = home.path().join("from-flag");
    // 1. With COMPTOIR_DATA_DIR set and no --data-dir, a group is created there.
    let mut create = without_data_dir(
        home.path(),
        &[
            "--json",
            "group",
            "create",
            "--name",
            "Bistrot de Châtelet",
            "--kind",
            "bistrot",
        ],
    );
    let created = Run::of(create.env("COMPTOIR_DATA_DIR", &from_env));
    assert!(created.status.success(), "{}", created.stderr);
    assert!(from_env.join("comptoir.sqlite3").is_file());
    // 2. Nothing went to the platform's data directory.
    assert!(!home.path().join("xdg-data").exists() && !home.path().join(".local").exists());
    // 3. --data-dir pointing there finds the group; the variable alone finds it too.
    let by_flag = Run::of(&mut without_data_dir(
        home.path(),
        &["--data-dir", from_env.to_str().unwrap(), "group", "list"],
    ));
    assert!(
        by_flag.stdout.contains("Bistrot de Châtelet"),
        "{}",
        by_flag.stdout
    );
    let by_env = Run::of(
        without_data_dir(home.path(), &["group", "list"]).env("COMPTOIR_DATA_DIR", &from_env),
    );
    assert_eq!(by_env.stdout, by_flag.stdout);
    // 4. --data-dir wins over the variable.
    let mut flagged = without_data_dir(
        home.path(),
        &["--data-dir", from_flag.to_str().unwrap(), "group", "list"],
    );
    let flagged = Run::of(flagged.env("COMPTOIR_DATA_DIR", &from_env));
    assert!(flagged.status.success(), "{}", flagged.stderr);
    assert_eq!(flagged.stdout, "");
    assert!(from_flag.join("comptoir.sqlite3").is_file());
}
