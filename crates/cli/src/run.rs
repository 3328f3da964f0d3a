//! Runs one parsed command against the data directory.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use comptoir_app::model::{MemberChanges, MemberKind, NewEvent, NewMember, NewNote};
use comptoir_app::{App, ExportFormat, HistoryFilter, NewGroup};

use crate::args::{
    Cli, Command, EventCommand, GroupCommand, MemberCommand, MemberFields, NoteCommand,
};
use crate::output::{Done, print, print_output};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => App::default_data_dir()?,
    };
    let mut app = App::open(&data_dir)?;
    let json = cli.json;
    match cli.command {
        Command::Group(command) => group(&mut app, command, json),
        Command::Member(command) => member(&mut app, command, json),
        Command::Event(command) => event(&mut app, command, json),
        Command::Note(command) => note(&mut app, command, json),
        Command::Export {
            group,
            format,
            note,
            output,
        } => {
            let format: ExportFormat = format.parse()?;
            let bytes = app.export(&group, format, note.as_deref())?;
            match output {
                Some(path) => {
                    write_file(&path, &bytes)?;
                    let done = Done::Exported {
                        bytes: bytes.len(),
                        file: path.display().to_string(),
                    };
                    print_output(&done, json)
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes)?;
                    out.flush()?;
                    Ok(())
                }
            }
        }
        Command::Id => crate::peer::id(&app, json),
        Command::Serve {
            listen,
            max_connections,
            lan,
        } => crate::peer::serve(app, listen, max_connections, !lan.no_mdns, json),
        Command::Sync {
            peers,
            lan,
            timeout,
        } => crate::peer::sync(app, peers, !lan.no_mdns, timeout, json),
        Command::Invite(command) => crate::peer::invite(app, command, json),
        Command::Device(command) => crate::peer::device(app, command, json),
        Command::History {
            group,
            member,
            event,
            note,
            limit,
        } => {
            let filter = match (member, event, note) {
                (Some(m), _, _) => HistoryFilter::Member(m),
                (_, Some(e), _) => HistoryFilter::Event(e),
                (_, _, Some(n)) => HistoryFilter::Note(n),
                _ => HistoryFilter::All,
            };
            print(&app.history(&group, filter, limit)?, json)
        }
        Command::Restore {
            group,
            item,
            at,
            before,
        } => {
            // clap requires one of --at and --before.
            let restored = match (at, before) {
                (Some(at), _) => app.restore(&group, &item, moment(&at)?)?,
                (None, before) => {
                    app.restore_before(&group, &item, before.as_deref().unwrap_or_default())?
                }
            };
            print(&restored, json)
        }
        Command::Status => {
            let status = app.status()?;
            warn_damaged(&app);
            print(&status, json)
        }
        Command::Import { file, vouch } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let imported = if vouch {
                app.import_vouched(&bytes)?
            } else {
                app.import(&bytes)?
            };
            print(&imported, json)
        }
    }
}

fn group(app: &mut App, command: GroupCommand, json: bool) -> anyhow::Result<()> {
    match command {
        GroupCommand::Create {
            name,
            kind,
            place,
            postal_code,
            country,
            lat,
            lon,
            description,
        } => {
            let new = NewGroup {
                name,
                kind,
                town: place.town,
                postal_code,
                country,
                venue: place.venue,
                address: place.address,
                coordinates: lat.zip(lon),
                description,
            };
            print(&app.create_group(new)?, json)
        }
        GroupCommand::List => {
            let groups = app.groups()?;
            warn_damaged(app);
            print(&groups, json)
        }
        GroupCommand::Show { group } => print(&app.group(&group)?, json),
    }
}

fn member(app: &mut App, command: MemberCommand, json: bool) -> anyhow::Result<()> {
    let kind = |fields: &MemberFields| fields.organisation.then_some(MemberKind::Organisation);
    match command {
        MemberCommand::Add {
            group,
            name,
            fields,
        } => {
            let new = NewMember {
                name,
                kind: kind(&fields),
                roles: fields.roles,
                member_of: None,
                email: fields.email,
                phone: fields.phone,
                town: fields.town,
                joined: fields.joined,
                consents: fields.consents,
            };
            print(
                &app.add_member(&group, new, fields.member_of.as_deref())?,
                json,
            )
        }
        MemberCommand::List { group } => print(&app.members(&group)?, json),
        MemberCommand::Show { group, member } => print(&app.member(&group, &member)?, json),
        MemberCommand::Update {
            group,
            member,
            name,
            fields,
            left,
            withdraw,
        } => {
            let changes = MemberChanges {
                name,
                kind: kind(&fields),
                roles: fields.roles,
                member_of: None,
                email: fields.email,
                phone: fields.phone,
                town: fields.town,
                joined: fields.joined,
                left,
                grant: fields.consents,
                withdraw,
            };
            print(
                &app.update_member(&group, &member, changes, fields.member_of.as_deref())?,
                json,
            )
        }
        MemberCommand::Remove { group, member } => {
            let id = app.remove_member(&group, &member)?;
            print_output(
                &Done::Removed {
                    member: id.to_string(),
                },
                json,
            )
        }
    }
}

fn event(app: &mut App, command: EventCommand, json: bool) -> anyhow::Result<()> {
    match command {
        EventCommand::Add {
            group,
            title,
            kind,
            start,
            end,
            tz,
            repeat,
            venue,
            address,
            online,
            theme,
            guests,
            capacity,
            registration,
        } => {
            let new = NewEvent {
                title,
                kind,
                start,
                end,
                tz,
                repeat,
                venue,
                address,
                online,
                theme,
                guests,
                capacity,
                registration,
            };
            print(&app.add_event(&group, new)?, json)
        }
        EventCommand::List { group, from, to } => print(&app.agenda(&group, from, to)?, json),
        EventCommand::Cancel {
            group,
            event,
            occurrence,
            reason,
        } => print(&app.cancel_event(&group, &event, occurrence, reason)?, json),
        EventCommand::Move {
            group,
            event,
            occurrence,
            to,
            reason,
        } => print(
            &app.move_occurrence(&group, &event, occurrence, to, reason)?,
            json,
        ),
        EventCommand::Rsvp {
            group,
            event,
            member,
            answer,
            occurrence,
        } => {
            let (event, member, date) = app.rsvp(&group, &event, &member, answer, occurrence)?;
            let done = Done::Answered {
                answer: answer.code(),
                event: event.to_string(),
                member: member.to_string(),
                occurrence: date.to_string(),
            };
            print_output(&done, json)
        }
        EventCommand::Attendance {
            group,
            event,
            occurrence,
            count,
        } => {
            let event = app.attendance(&group, &event, occurrence, count)?;
            let done = Done::Counted {
                count,
                event: event.id.to_string(),
                occurrence: occurrence.to_string(),
            };
            print_output(&done, json)
        }
    }
}

fn note(app: &mut App, command: NoteCommand, json: bool) -> anyhow::Result<()> {
    match command {
        NoteCommand::Add {
            group,
            title,
            event,
            occurrence,
            date,
            visibility,
            sections,
            links,
            tags,
            authors,
        } => {
            let new = NewNote {
                title,
                date,
                event: None,
                occurrence,
                authors,
                sections,
                links,
                tags,
                visibility,
            };
            print(&app.add_note(&group, new, event.as_deref())?, json)
        }
        NoteCommand::List { group } => print(&app.notes(&group)?, json),
        NoteCommand::Show { group, note } => print(&app.note(&group, &note)?, json),
        NoteCommand::Append {
            group,
            note,
            section,
            text,
        } => print(&app.append_to_note(&group, &note, &section, &text)?, json),
    }
}

/// Writes through a temporary file, so a failed export never leaves half a file behind.
fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .context("the output needs a file name")?
        .to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Says on stderr which groups could not be read (the others were listed as usual).
#[allow(clippy::print_stderr)] // A warning for the person, beside the listing on stdout.
fn warn_damaged(app: &App) {
    for damaged in app.damaged_groups() {
        eprintln!(
            "warning: group {} could not be read: {}",
            damaged.id, damaged.reason
        );
    }
}

/// A moment typed as 2026-11-30T18:00 (this computer's time, seconds optional) or in RFC 3339,
/// as Unix seconds.
fn moment(text: &str) -> anyhow::Result<i64> {
    use chrono::{DateTime, Local, NaiveDateTime, TimeZone};
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.timestamp());
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .with_context(|| format!("{text:?} is not a moment such as 2026-11-30T18:00"))?;
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.timestamp())
        .with_context(|| format!("{text} does not exist in this computer's time zone"))
}
