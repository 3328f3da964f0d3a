//! Saving an export as a file a facilitator can attach to a mail: a readable name (the group's
//! name, what it holds, a date), in the person's download folder, never over an existing file.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::exchange::export_doc;
use crate::notes::note_id;
use crate::{App, AppError, ExportFormat, IoAction, Result};

/// Beyond this many files of the same name, something else is wrong.
const MAX_COPIES: u32 = 999;
/// Characters of the group's name kept in a file name.
const MAX_NAME_CHARS: usize = 60;

impl App {
    /// Where exports go by default: the download folder (XDG's on Linux), else the home folder.
    pub fn default_export_dir() -> Result<PathBuf> {
        let dirs = directories::UserDirs::new().ok_or(AppError::Io {
            action: IoAction::FindExportFolder,
            source: std::io::Error::new(ErrorKind::NotFound, "no home folder"),
        })?;
        Ok(dirs
            .download_dir()
            .map_or_else(|| dirs.home_dir().to_path_buf(), Path::to_path_buf))
    }

    /// Exports a group (as [`App::export`]) into a new file of `dir`, named after the group,
    /// e.g. `Bistrot-du-Social-de-Namur-agenda-2024-05-02.ics`; if that name is taken, ` (2)`,
    /// ` (3)`… is added. Returns the file's path.
    pub fn save_export(
        &mut self,
        group: &str,
        format: ExportFormat,
        note: Option<&str>,
        dir: &Path,
    ) -> Result<PathBuf> {
        let today = self.today().to_string();
        let doc = self.read_mut(group)?;
        let bytes = export_doc(doc, format, note)?;
        let name = doc.profile()?.name;
        let (what, date, extension) = match (format, note) {
            (ExportFormat::Ics, _) => ("agenda", today, "ics"),
            (ExportFormat::Markdown, Some(query)) => (
                "synthese",
                doc.note(&note_id(doc, query)?)?.date.to_string(),
                "md",
            ),
            (ExportFormat::Markdown, None) => ("syntheses", today, "md"),
            (ExportFormat::Csv, _) => ("membres", today, "csv"),
            (ExportFormat::Json, _) => ("complet", today, "json"),
            (ExportFormat::Automerge, _) => ("document", today, "automerge"),
        };
        let stem = format!("{}-{what}-{date}", file_stem(&name));
        let path = write_new(dir, &stem, extension, &bytes)?;
        tracing::info!(group = %doc.id(), ?format, "export saved");
        Ok(path)
    }
}

/// A group's name as part of a file name: letters and digits kept (accents too), anything
/// else a single dash.
pub(crate) fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= MAX_NAME_CHARS {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "groupe".into()
    } else {
        stem.to_string()
    }
}

/// Writes `bytes` to `dir/stem.extension`, or `dir/stem (2).extension`… whichever does not
/// exist yet. The file is created exclusively, so a file appearing meanwhile is never replaced.
pub(crate) fn write_new(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf> {
    let io = |source| AppError::Io {
        action: IoAction::SaveExport,
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    for copy in 1..=MAX_COPIES {
        let name = if copy == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem} ({copy}).{extension}")
        };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(bytes).map_err(io)?;
                file.sync_all().map_err(io)?;
                return Ok(path);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(e)),
        }
    }
    Err(io(std::io::Error::new(
        ErrorKind::AlreadyExists,
        "too many files of that name",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::bistrot;

    #[test]
    fn names_are_readable() {
        assert_eq!(
            file_stem("Bistrot du Social de Namur"),
            "Bistrot-du-Social-de-Namur"
        );
        assert_eq!(
            file_stem("Centre social « L'Étincelle »"),
            "Centre-social-L-Étincelle"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem(" / "), "groupe");
    }

    #[test]
    fn an_export_never_overwrites_a_file() -> std::result::Result<(), Box<dyn std::error::Error>> {
        // 1. A facilitator exports the agenda: the file is named after the group and today.
        let data = tempfile::tempdir()?;
        let downloads = tempfile::tempdir()?;
        let mut app = App::open(data.path())?;
        let group = app.create_group(bistrot("Bistrot du Social de Namur", Some("Namur")))?;
        let id = group.id.to_string();
        let first = app.save_export(&id, ExportFormat::Ics, None, downloads.path())?;
        let today = app.today();
        let expected = format!("Bistrot-du-Social-de-Namur-agenda-{today}.ics");
        assert_eq!(first, downloads.path().join(&expected));
        assert!(std::fs::read_to_string(&first)?.starts_with("BEGIN:VCALENDAR"));

        // 2. Again the same day: the first file stays, the second gets " (2)", then " (3)".
        std::fs::write(&first, "kept")?;
        let second = app.save_export(&id, ExportFormat::Ics, None, downloads.path())?;
        let third = app.save_export(&id, ExportFormat::Ics, None, downloads.path())?;
        assert_eq!(
            second,
            downloads
                .path()
                .join(format!("Bistrot-du-Social-de-Namur-agenda-{today} (2).ics"))
        );
        assert_eq!(
            third.file_name().and_then(|n| n.to_str()),
            Some(format!("Bistrot-du-Social-de-Namur-agenda-{today} (3).ics").as_str())
        );
        assert_eq!(std::fs::read_to_string(&first)?, "kept");

        // 3. A folder that does not exist yet is created.
        let nested = downloads.path().join("Téléchargements");
        let path = app.save_export(&id, ExportFormat::Markdown, None, &nested)?;
        assert_eq!(path.parent(), Some(nested.as_path()));
        Ok(())
    }
}
