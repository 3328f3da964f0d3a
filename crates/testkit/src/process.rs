//! A program started as the leader of its own process group, killed with everything it started
//! when dropped; and the lines it prints, read by a thread into a bounded channel.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

use crate::{Error, Result};

/// A running program, leader of its own process group (its group id is its pid): whatever it
/// starts belongs to the group, and the whole group is killed (SIGKILL) when this is dropped,
/// whatever the test's outcome.
#[derive(Debug)]
pub struct ProcessGroup {
    child: Child,
    /// Set once the leader was waited for: its pid may be reused from then on.
    exited: Option<ExitStatus>,
}

impl ProcessGroup {
    /// Starts `command` in a process group of its own.
    pub fn spawn(command: &mut Command) -> Result<Self> {
        let child = command
            .process_group(0)
            .spawn()
            .map_err(Error::io(format!("starting {:?}", command.get_program())))?;
        Ok(Self {
            child,
            exited: None,
        })
    }

    /// The leader's pid, which is also the group's id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// The leader, to take its pipes.
    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Sends `signal` to the leader alone (SIGTERM: stop as a person would).
    pub fn signal(&self, signal: Signal) -> Result<()> {
        if self.exited.is_some() {
            return Ok(());
        }
        kill(self.pid(), signal).map_err(|e| Error::Io {
            what: format!("sending {signal} to {}", self.id()),
            source: e.into(),
        })
    }

    /// Waits for the leader to exit.
    pub fn wait(&mut self) -> Result<ExitStatus> {
        if let Some(status) = self.exited {
            return Ok(status);
        }
        let status = self
            .child
            .wait()
            .map_err(Error::io(format!("waiting for {}", self.id())))?;
        self.exited = Some(status);
        Ok(status)
    }

    /// Whether the leader is still running.
    pub fn is_running(&mut self) -> bool {
        if self.exited.is_some() {
            return false;
        }
        match self.child.try_wait() {
            Ok(None) => true,
            Ok(Some(status)) => {
                self.exited = Some(status);
                false
            }
            Err(_) => false,
        }
    }

    /// Kills the whole group with SIGKILL, then waits for the leader.
    pub fn kill(&mut self) -> Result<ExitStatus> {
        self.kill_group();
        self.wait()
    }

    fn kill_group(&self) {
        // Even once the leader has exited, its id names the group while any member lives; only
        // once the leader is waited for may the id be handed to another process.
        if self.exited.is_none() {
            let _ = killpg(self.pid(), Signal::SIGKILL);
        }
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(i32::try_from(self.child.id()).unwrap_or(i32::MAX))
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.kill_group();
        let _ = self.wait();
    }
}

/// The lines a program prints on a pipe, read by a thread of their own and handed over through
/// a bounded channel: when `bound` lines wait unread, the thread waits, and so does the program
/// at its next write. The channel closes when the pipe does (the program exited).
///
/// The reading thread ends when the pipe closes or when this is dropped and it next hands a
/// line over.
#[derive(Debug)]
pub struct Lines<T> {
    received: Receiver<T>,
}

impl<T: Send + 'static> Lines<T> {
    /// Reads `pipe` line by line, handing each line over as `parse` makes it.
    pub fn spawn(
        pipe: impl Read + Send + 'static,
        bound: usize,
        parse: impl Fn(String) -> T + Send + 'static,
    ) -> Self {
        let (sender, received) = sync_channel(bound);
        std::thread::spawn(move || forward(pipe, &sender, parse));
        Self { received }
    }

    /// The next line, waiting at most `timeout`: `Err(Timeout)` if none came by then,
    /// `Err(Disconnected)` once the pipe closed and every line was read.
    pub fn next(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.received.recv_timeout(timeout)
    }

    /// The next line if one is already there.
    pub fn try_next(&self) -> Option<T> {
        self.received.try_recv().ok()
    }
}

fn forward<T>(pipe: impl Read, sender: &SyncSender<T>, parse: impl Fn(String) -> T) {
    for line in BufReader::new(pipe).lines() {
        let Ok(line) = line else { break };
        // Waits while the channel is full; fails once the receiving side is gone.
        if sender.send(parse(line)).is_err() {
            break;
        }
    }
}
