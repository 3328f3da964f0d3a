//! The storage benchmarks: a ten-year group's saved size, load time, one month's agenda, and
//! the peak memory of loading it in a fresh process.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use comptoir_model::{ActorId, GroupDoc, occurrences};

use crate::fixture;

/// Builds the group, then prints its size, load times, agenda times and peak memory.
pub fn run() -> anyhow::Result<()> {
    println!(
        "# Comptoir benchmarks: a ten-year group (520 weekly meetings, 300 members, 500 notes)"
    );
    let started = Instant::now();
    let mut doc = fixture::ten_year_group()?;
    let bytes = doc.save();
    println!("built in {:.1} s", started.elapsed().as_secs_f64());
    println!(
        "saved size: {} bytes ({:.1} KiB)",
        bytes.len(),
        bytes.len() as f64 / 1024.0
    );

    let bare = median(15, || {
        let t = Instant::now();
        let doc = automerge::Automerge::load(&bytes).map(|d| d.get_heads().len());
        (t.elapsed(), doc.is_ok())
    });
    let ours = median(15, || {
        let t = Instant::now();
        let read = GroupDoc::load(&bytes, ActorId::random()).and_then(|d| d.group());
        (t.elapsed(), read.is_ok())
    });
    println!(
        "bare automerge::Automerge::load: {:.2} ms (median of 15)",
        ms(bare)
    );
    println!(
        "GroupDoc::load + read everything: {:.2} ms (median of 15) = {:.2}x bare load (target <= 2x)",
        ms(ours),
        ours.as_secs_f64() / bare.as_secs_f64()
    );

    let doc = GroupDoc::load(&bytes, ActorId::random())?;
    let from = NaiveDate::from_ymd_opt(2019, 3, 1).ok_or_else(|| anyhow::anyhow!("date"))?;
    let to = NaiveDate::from_ymd_opt(2019, 3, 31).ok_or_else(|| anyhow::anyhow!("date"))?;
    let month = median(51, || {
        let t = Instant::now();
        let n = doc
            .events()
            .and_then(|events| occurrences(events.values(), Some(from), to))
            .map(|o| o.len());
        (t.elapsed(), n.is_ok_and(|n| n > 0))
    });
    let events = doc.events()?;
    let month_hot = median(51, || {
        let t = Instant::now();
        let n = occurrences(events.values(), Some(from), to).map(|o| o.len());
        (t.elapsed(), n.is_ok_and(|n| n > 0))
    });
    println!(
        "one month's agenda on the read group, as the app lists it: {:.3} ms (median of 51; target <= 5 ms)",
        ms(month_hot)
    );
    println!(
        "one month's agenda reading the events from the document first (a cold CLI call, after load): {:.3} ms",
        ms(month)
    );

    reopen_page(&bytes)?;

    let file =
        std::env::temp_dir().join(format!("comptoir-bench-{}.automerge", std::process::id()));
    std::fs::write(&file, &bytes)?;
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe)
        .arg("--peak-load")
        .arg(&file)
        .output()?;
    std::fs::remove_file(&file)?;
    print!("{}", String::from_utf8_lossy(&out.stdout));
    Ok(())
}

/// The commands the window sends when the group's page opens again (its header, a month of
/// the agenda, the members, the syntheses), each timed through a running node's handle, as the
/// desktop shell calls it (without the webview's side of the bridge).
fn reopen_page(bytes: &[u8]) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut app = comptoir_app::App::open(dir.path())?;
        let group = comptoir_model::GroupDoc::load(bytes, ActorId::random())?;
        let id = group.id().clone();
        app.repo().create(group)?;
        drop(app);
        let opened = Instant::now();
        let mut node = comptoir_app::node::Node::open(comptoir_app::App::open(dir.path())?)?;
        let opening = opened.elapsed();
        let handle = node.handle();
        let work = async {
            let from = comptoir_model::Date::parse("2019-03-01")?;
            let to = comptoir_model::Date::parse("2019-03-31")?;
            let mut figures = Vec::new();
            for (what, n) in [("header", 0), ("month's agenda", 1), ("members", 2), ("syntheses", 3)] {
                let mut runs = Vec::with_capacity(21);
                for _ in 0..21 {
                    let g = id.to_string();
                    let t = Instant::now();
                    handle
                        .call(move |app| {
                            match n {
                                0 => drop(app.profile(&g)?),
                                1 => drop(app.agenda(&g, Some(from), Some(to))?),
                                2 => drop(app.members(&g)?),
                                _ => drop(app.notes(&g)?),
                            }
                            Ok(())
                        })
                        .await?;
                    runs.push(t.elapsed());
                }
                runs.sort();
                figures.push(format!("{what} {:.2} ms", ms(runs[runs.len() / 2])));
            }
            anyhow::Ok(figures)
        };
        let figures = node.run_until(work).await??;
        println!(
            "reopening the ten-year group's page, each command through a running node's handle (the desktop shell's path, median of 21): {} (target <= 5 ms per command); the node read the group once, at start: {:.0} ms",
            figures.join(", "),
            ms(opening),
        );
        anyhow::Ok(())
    })
}

/// Runs `f` `n` times and returns the median duration; every run must succeed.
fn median(n: usize, mut f: impl FnMut() -> (Duration, bool)) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let (t, ok) = f();
            assert!(ok, "a benchmark run failed");
            t
        })
        .collect();
    times.sort();
    times[n / 2]
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// In a fresh process: load and read the group, then report the peak resident memory.
pub fn peak_load(file: &str) -> anyhow::Result<()> {
    let before = peak_kib()?;
    let bytes = std::fs::read(file)?;
    let doc = GroupDoc::load(&bytes, ActorId::random())?;
    let group = doc.group()?;
    let after = peak_kib()?;
    println!(
        "peak memory loading and reading the group in a fresh process: {:.1} MiB (process baseline {:.1} MiB; {} members read)",
        after as f64 / 1024.0,
        before as f64 / 1024.0,
        group.members.len()
    );
    Ok(())
}

fn peak_kib() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .ok_or_else(|| anyhow::anyhow!("no VmHWM"))?;
    Ok(line.split_whitespace().nth(1).unwrap_or("0").parse()?)
}
