//! What the CLI prints: one JSON document with `--json`, else short human-readable lines.
//!
//! The JSON is a contract read by tools outside the project, so it is made of this module's own
//! structs, converted by hand from the domain types ([`ToOutput`]): renaming a field of the model
//! or of the app does not compile until its output says what the JSON keeps. Each area's file
//! holds its structs, their conversion, their text form and a snapshot test of each command.

mod devices;
mod done;
mod events;
#[cfg(test)]
mod fixture;
mod groups;
mod history;
mod joins;
mod members;
mod notes;
mod status;
mod sync;

use std::io::{self, Write};

use serde::Serialize;

pub use devices::{Joined, PeerId, Revoked};
pub use done::Done;
pub use joins::Decided;

/// Something the CLI can print for people.
pub trait Human {
    fn human(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// A domain value's output: what `--json` prints and, for a command's whole output, what the
/// text lines are made from.
pub trait ToOutput {
    type Output: Serialize;
    fn to_output(&self) -> Self::Output;
}

/// Prints a domain value, through its output, as JSON or for people.
pub fn print<T>(value: &T, json: bool) -> anyhow::Result<()>
where
    T: ToOutput + ?Sized,
    T::Output: Human,
{
    print_output(&value.to_output(), json)
}

/// Prints an output as JSON or for people.
pub fn print_output<T: Serialize + Human + ?Sized>(value: &T, json: bool) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
    } else {
        value.human(&mut out)?;
    }
    out.flush()?;
    Ok(())
}

impl<T: ToOutput> ToOutput for [T] {
    type Output = Vec<T::Output>;
    fn to_output(&self) -> Self::Output {
        self.iter().map(T::to_output).collect()
    }
}

impl<T: ToOutput> ToOutput for Vec<T> {
    type Output = Vec<T::Output>;
    fn to_output(&self) -> Self::Output {
        self.as_slice().to_output()
    }
}

impl<T: Human> Human for [T] {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        for item in self {
            item.human(out)?;
        }
        Ok(())
    }
}

impl<T: Human> Human for Vec<T> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        self.as_slice().human(out)
    }
}

/// An optional value as its text, absent as nothing.
fn text<T: ToString>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(T::to_string)
}

/// The snapshot tests' one check: the JSON and the text of an output.
#[cfg(test)]
fn check<T: Serialize + Human>(output: &T, json: expect_test::Expect, human: expect_test::Expect) {
    let printed = serde_json::to_string_pretty(output).expect("the output serialises");
    json.assert_eq(&printed);
    let mut bytes = Vec::new();
    output.human(&mut bytes).expect("the text is written");
    let text = String::from_utf8(bytes).expect("the text is UTF-8");
    // A snapshot cannot hold a line of spaces only (a note's blank line is printed as two).
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    human.assert_eq(&(lines.join("\n") + "\n"));
}
