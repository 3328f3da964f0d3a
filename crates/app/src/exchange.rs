//! Exports a facilitator can mail or archive, and importing a group's Automerge bytes.

use std::str::FromStr;

use chrono::Utc;
use comptoir_authority::Body;
use comptoir_export as export;
use comptoir_model::{GroupDoc, GroupId, ModelError};
use serde::Serialize;

use crate::notes::{newest_first, note_id};
use crate::{App, AppError, Result};

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Everything, for data portability.
    Json,
    /// The agenda, for calendar applications.
    Ics,
    /// A synthesis (or every note), to mail.
    Markdown,
    /// The members, honouring their consents.
    Csv,
    /// The raw document, loadable by any Automerge implementation.
    Automerge,
}

impl FromStr for ExportFormat {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Self::Json),
            "ics" | "ical" | "icalendar" => Ok(Self::Ics),
            "md" | "markdown" => Ok(Self::Markdown),
            "csv" => Ok(Self::Csv),
            "automerge" | "am" => Ok(Self::Automerge),
            other => Err(AppError::UnknownExportFormat {
                text: other.to_string(),
            }),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub id: GroupId,
    pub name: String,
    /// `true` when the group was new on this device, `false` when it was merged.
    pub created: bool,
    /// Changes left out of a merge: written by devices the group's membership log does not
    /// let write there (with everything built on them).
    pub refused: usize,
}

impl App {
    /// Exports a group; `note` picks one note for Markdown (default: every note, newest first).
    pub fn export(
        &mut self,
        group: &str,
        format: ExportFormat,
        note: Option<&str>,
    ) -> Result<Vec<u8>> {
        export_doc(self.read_mut(group)?, format, note)
    }

    /// Imports a group's Automerge bytes: creates the group, or merges into the copy already
    /// here through the gate every incoming change passes (`GroupDoc::merge`): only changes by
    /// devices the group's log lets write are kept, the others counted. Bytes that are not a
    /// group document, or that would break it, are refused and nothing is written.
    pub fn import(&mut self, bytes: &[u8]) -> Result<Imported> {
        self.import_with(bytes, false)
    }

    /// Imports as [`App::import`], this device's admin vouching for everything the file holds
    /// (a copy of the group kept outside Comptoir, a backup): its changes are accepted
    /// whoever wrote them, on every device, as the log records (`Baseline`). Admins only.
    pub fn import_vouched(&mut self, bytes: &[u8]) -> Result<Imported> {
        self.import_with(bytes, true)
    }

    fn import_with(&mut self, bytes: &[u8], vouch: bool) -> Result<Imported> {
        let mut incoming = GroupDoc::load(bytes, self.actor())?;
        let id = incoming.id().clone();
        if self.store().contains(id.as_str())? {
            if vouch {
                self.require_admin(&id)?;
                let content_heads = incoming.heads().iter().map(|h| h.0).collect();
                self.as_admin(&id, |_| Some(Body::Baseline { content_heads }))?;
            }
            let refused = self.repo().edit(&id, |doc| {
                let before = doc.heads();
                let refused = doc.merge(&mut incoming)?;
                if refused > 0 && doc.heads() == before {
                    // Nothing the file brings may be kept: say so, rather than "merged".
                    return Err(ModelError::UnauthorizedChanges { count: refused }.into());
                }
                Ok(refused)
            })?;
            let name = self.repo().get(&id)?.profile()?.name;
            tracing::info!(group = %id, refused, "group merged from an import");
            Ok(Imported {
                id,
                name,
                created: false,
                refused,
            })
        } else {
            let name = incoming.profile()?.name;
            self.repo().create(incoming)?;
            // A group new to this device starts under its authority, which vouches for what
            // the file holds.
            self.start_log(&id, true)?;
            tracing::info!(group = %id, "group imported");
            Ok(Imported {
                id,
                name,
                created: true,
                refused: 0,
            })
        }
    }
}

/// A loaded group's export (see [`App::export`]).
pub(crate) fn export_doc(
    doc: &mut GroupDoc,
    format: ExportFormat,
    note: Option<&str>,
) -> Result<Vec<u8>> {
    let bytes = match format {
        ExportFormat::Automerge => doc.save(),
        ExportFormat::Json => export::json::group(&doc.group()?)?.into_bytes(),
        ExportFormat::Csv => export::csv::members(&doc.group()?)?.into_bytes(),
        ExportFormat::Ics => export::ics::calendar(&doc.group()?, Utc::now())?.into_bytes(),
        ExportFormat::Markdown => {
            let group = doc.group()?;
            let notes = match note {
                Some(query) => vec![doc.note(&note_id(doc, query)?)?],
                None => {
                    let mut all: Vec<_> = group.notes.values().cloned().collect();
                    newest_first(&mut all);
                    all
                }
            };
            let pages: Vec<String> = notes
                .iter()
                .map(|n| export::markdown::note(&group, n))
                .collect();
            pages.join("\n---\n\n").into_bytes()
        }
    };
    Ok(bytes)
}
