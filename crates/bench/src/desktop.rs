//! The desktop benchmarks: how fast the release app shows a ten-year group in its list, how
//! much memory the whole app (shell and WebKit processes) holds once idle, and the size of the
//! release binary. Runs the real `comptoir-desktop` under a private Xvfb.
//!
//! "Interactive" is the shell's opt-in signal: with `COMPTOIR_REPORT_READY=1` it prints
//! `comptoir-desktop: interface ready` once the UI has shown the group list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use comptoir_app::App;
use comptoir_testkit::{Display, Lines, ProcessGroup};

use crate::fixture;
use crate::storage::ms;

const READY_LINE: &str = "comptoir-desktop: interface ready";
/// A safety net for one start; a start this slow is a failure, not a figure.
const PATIENCE: Duration = Duration::from_secs(60);
/// Cold starts measured (each a new process; the first one also warms the disk cache).
const RUNS: usize = 7;
/// How long the app is left alone before its memory is read.
const SETTLE: Duration = Duration::from_secs(5);
/// Lines of the app's stdout not read yet (it prints the ready line and little else).
const UNREAD: usize = 64;

pub fn run() -> Result<()> {
    println!("# Desktop app: release build, a ten-year group on the device, under Xvfb");
    let binary = release_binary()?;
    let size = std::fs::metadata(&binary)?.len();
    let data = tempfile::tempdir()?;
    let mut app = App::open(data.path())?;
    let group = app
        .import(&fixture::ten_year_group()?.save())?
        .id
        .to_string();
    drop(app);
    let display = Display::start()?;

    let mut starts = Vec::with_capacity(RUNS);
    let mut first = Duration::ZERO;
    for run in 0..RUNS {
        let running = Running::start(&binary, &display, data.path(), None)?;
        if run == 0 {
            first = running.ready_after;
        }
        starts.push(running.ready_after);
    }
    starts.sort();
    println!(
        "cold start to the group list being interactive: {:.0} ms (median of {RUNS}; \
         first run {:.0} ms, fastest {:.0} ms, slowest {:.0} ms; target <= 1000 ms)",
        ms(starts[RUNS / 2]),
        ms(first),
        ms(starts[0]),
        ms(starts[RUNS - 1]),
    );

    // Opened on the ten-year group (`--open`), as a facilitator leaves it open on their agenda.
    let running = Running::start(&binary, &display, data.path(), Some(&group))?;
    std::thread::sleep(SETTLE);
    let memory = memory_of_tree(running.app.id())?;
    let parts: Vec<String> = memory
        .processes
        .iter()
        .map(|(name, kib)| format!("{name} {:.1}", *kib as f64 / 1024.0))
        .collect();
    println!(
        "idle memory of the whole app, the ten-year group open, {}s after ready: \
         {:.1} MiB {}, of which {:.1} MiB private to the app (anonymous), the rest shared \
         libraries' pages; {} processes [{} MiB] (target <= 150 MB)",
        SETTLE.as_secs(),
        memory.processes.iter().map(|(_, kib)| kib).sum::<u64>() as f64 / 1024.0,
        memory.measure,
        memory.anonymous_kib as f64 / 1024.0,
        memory.processes.len(),
        parts.join(", "),
    );
    drop(running);

    println!(
        "release binary {}: {:.1} MiB ({size} bytes; target <= 15 MB)",
        binary.display(),
        size as f64 / (1024.0 * 1024.0),
    );
    Ok(())
}

/// `comptoir-desktop` next to this benchmark (`target/release/`), built by `cargo xtask bench`.
fn release_binary() -> Result<PathBuf> {
    comptoir_testkit::binary::beside_this("comptoir-desktop").context(
        "run `cargo xtask bench -- desktop`, which builds the UI and the release app first",
    )
}

/// One run of the app, leader of its own process group, killed with all of it when dropped.
struct Running {
    /// Its stdout, each line stamped when it was read.
    _stdout: Lines<(String, Instant)>,
    ready_after: Duration,
    app: ProcessGroup,
}

impl Running {
    /// Starts the app and waits for its ready line.
    fn start(binary: &Path, display: &Display, data: &Path, open: Option<&str>) -> Result<Self> {
        let started = Instant::now();
        let mut app = ProcessGroup::spawn(
            Command::new(binary)
                .args(open.map(|group| ["--open", group]).into_iter().flatten())
                .env("DISPLAY", &display.name)
                .env("GDK_BACKEND", "x11")
                .env_remove("WAYLAND_DISPLAY")
                .env("COMPTOIR_DATA_DIR", data)
                .env("COMPTOIR_NO_MDNS", "1")
                .env("COMPTOIR_LISTEN", "/ip4/127.0.0.1/tcp/0")
                .env("COMPTOIR_REPORT_READY", "1")
                .env("RUST_LOG", "warn")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )?;
        let stdout = app.child_mut().stdout.take().context("piped stdout")?;
        let lines = Lines::spawn(stdout, UNREAD, |line| (line, Instant::now()));
        let deadline = started + PATIENCE;
        let ready_after = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.next(left) {
                Ok((line, at)) if line == READY_LINE => break at - started,
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    bail!("the app stopped without saying its interface was ready")
                }
                Err(RecvTimeoutError::Timeout) => {
                    bail!("the app did not say its interface was ready within {PATIENCE:?}")
                }
            }
        };
        Ok(Self {
            _stdout: lines,
            ready_after,
            app,
        })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // WebKit's processes may leave the app's group: each is killed by its pid, then the
        // group (the app) when `app` is dropped.
        let pids: Vec<String> = descendants(self.app.id())
            .iter()
            .map(u32::to_string)
            .collect();
        if !pids.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(&pids)
                .stderr(Stdio::null())
                .status();
        }
    }
}

struct Memory {
    /// Each process's name and memory in KiB.
    processes: Vec<(String, u64)>,
    /// "PSS" (proportional set size: shared pages split between processes) or "RSS".
    measure: &'static str,
    /// The anonymous part of the PSS (heaps, JavaScript, images), 0 if unknown.
    anonymous_kib: u64,
}

/// The memory of a process and all its descendants: the sum of PSS from
/// `/proc/<pid>/smaps_rollup`, or of RSS where that file is unreadable.
fn memory_of_tree(root: u32) -> Result<Memory> {
    let mut pids = descendants(root);
    pids.insert(root);
    let pss: Option<Vec<u64>> = pids
        .iter()
        .map(|pid| field_kib(&format!("/proc/{pid}/smaps_rollup"), "Pss:"))
        .collect();
    let (values, measure) = match pss {
        Some(values) => (values, "PSS"),
        None => {
            let rss: Option<Vec<u64>> = pids
                .iter()
                .map(|pid| field_kib(&format!("/proc/{pid}/status"), "VmRSS:"))
                .collect();
            (rss.context("reading the processes' memory")?, "RSS")
        }
    };
    let names = pids.iter().map(|pid| {
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        comm.trim().to_string()
    });
    let anonymous_kib = pids
        .iter()
        .filter_map(|pid| field_kib(&format!("/proc/{pid}/smaps_rollup"), "Pss_Anon:"))
        .sum();
    Ok(Memory {
        processes: names.zip(values).collect(),
        measure,
        anonymous_kib,
    })
}

/// A `Name:   123 kB` line of a /proc file.
fn field_kib(file: &str, name: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Every process below `root`, from the parent ids in `/proc/<pid>/stat`.
fn descendants(root: u32) -> BTreeSet<u32> {
    let mut children: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let entries = std::fs::read_dir("/proc").into_iter().flatten().flatten();
    for entry in entries {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (name) state ppid ...`; the name may hold spaces and parentheses.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        if let Some(ppid) = after_name
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
        {
            children.entry(ppid).or_default().push(pid);
        }
    }
    let mut found = BTreeSet::new();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            if found.insert(child) {
                todo.push(child);
            }
        }
    }
    found
}
