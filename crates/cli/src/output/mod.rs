//! What the CLI prints: one JSON document with `--json`, else short human-readable lines.

use std::io::{self, Write};

use comptoir_app::model::{Event, Group, Member, Note, Occurrence};
use comptoir_app::{GroupSummary, Imported};
use serde::Serialize;

/// Something the CLI can print both ways.
pub trait Human {
    fn human(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Prints `value` as JSON or for people.
pub fn print<T: Serialize + Human + ?Sized>(value: &T, json: bool) -> anyhow::Result<()> {
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

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

impl Human for GroupSummary {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}  {} ({}{}) — {} members, {} events, {} notes",
            self.id,
            self.name,
            self.kind,
            self.town
                .as_ref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default(),
            self.members,
            self.events,
            self.notes
        )
    }
}

impl Human for Group {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = &self.profile;
        writeln!(out, "{}  ({})", p.name, p.kind)?;
        writeln!(out, "id: {}", self.id)?;
        let place: Vec<&str> = [&p.venue, &p.address, &p.postal_code, &p.town, &p.country]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .collect();
        if !place.is_empty() {
            writeln!(out, "place: {}", place.join(", "))?;
        }
        if let Some(c) = p.coordinates {
            writeln!(out, "coordinates: {}, {}", c.lat, c.lon)?;
        }
        if let Some(d) = &p.description {
            writeln!(out, "description: {d}")?;
        }
        writeln!(
            out,
            "members: {}, events: {}, notes: {}",
            self.members.len(),
            self.events.len(),
            self.notes.len()
        )
    }
}

impl Human for Member {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let roles: Vec<&str> = self.roles.iter().map(|r| r.code()).collect();
        write!(out, "{}  {} ({})", self.id, self.name, self.kind)?;
        if !roles.is_empty() {
            write!(out, " — {}", roles.join(", "))?;
        }
        for (label, value) in [
            ("email", &self.email),
            ("phone", &self.phone),
            ("town", &self.town),
        ] {
            if let Some(v) = value {
                write!(out, " — {label}: {v}")?;
            }
        }
        for (label, consent) in [
            ("contact", &self.consents.contact),
            ("newsletter", &self.consents.newsletter),
            ("public", &self.consents.public),
        ] {
            if let Some(c) = consent {
                let state = if c.granted { "given" } else { "withdrawn" };
                write!(out, " — {label} consent {state} {}", c.date)?;
            }
        }
        writeln!(out)
    }
}

impl Human for Event {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{}  {} ({}) — {} {}",
            self.id, self.title, self.kind, self.start, self.tz
        )?;
        if let Some(rule) = &self.repeat {
            write!(out, " — repeats {rule}")?;
        }
        writeln!(out, " — {}", self.status)
    }
}

impl Human for Occurrence {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{}  {}  {} ({})",
            self.start.format("%Y-%m-%d %H:%M %:z"),
            self.event,
            self.title,
            self.kind
        )?;
        let place = [opt(&self.venue), opt(&self.online)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        if !place.is_empty() {
            write!(out, " — {}", place.join(", "))?;
        }
        write!(out, " — {}", self.status)?;
        if let Some(reason) = &self.reason {
            write!(out, ": {reason}")?;
        }
        let r = self.rsvp;
        if r.yes + r.no + r.maybe > 0 {
            write!(
                out,
                " — answers: {} yes, {} no, {} maybe",
                r.yes, r.no, r.maybe
            )?;
        }
        if let Some(n) = self.attendance {
            write!(out, " — {n} came")?;
        }
        writeln!(out)
    }
}

impl Human for Note {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}  {} — {} — {}",
            self.id, self.title, self.date, self.visibility
        )?;
        for section in &self.sections {
            writeln!(out, "  ## {}", section.heading)?;
            for line in section.body.as_str().lines() {
                writeln!(out, "  {line}")?;
            }
        }
        for link in &self.links {
            writeln!(out, "  - {link}")?;
        }
        Ok(())
    }
}

impl Human for Imported {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let what = if self.created {
            "imported"
        } else {
            "merged into the copy here"
        };
        writeln!(out, "{}  {} — {what}", self.id, self.name)
    }
}

/// A short acknowledgement, e.g. of a removal or an answer.
#[derive(Debug, Serialize)]
pub struct Done {
    pub done: &'static str,
    #[serde(flatten)]
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl Human for Done {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let details: Vec<String> = self
            .details
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or(&v.to_string())))
            .collect();
        writeln!(out, "{} ({})", self.done, details.join(", "))
    }
}
