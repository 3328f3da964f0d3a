//! The command line, as tools outside the project drive it: these names are a contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use comptoir_app::model::{
    ConsentKind, Date, EventKind, GroupKind, LocalDateTime, Registration, Role, Rsvp, Visibility,
    text,
};

/// Comptoir: a group's members, agenda and syntheses, offline, on this computer.
#[derive(Debug, Parser)]
#[command(name = "comptoir", version, about, propagate_version = true)]
pub struct Cli {
    /// Where Comptoir keeps its data (default: the platform's data directory).
    #[arg(long, global = true, env = "COMPTOIR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print one JSON document on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list and show groups.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Members of a group.
    #[command(subcommand)]
    Member(MemberCommand),
    /// The agenda of a group.
    #[command(subcommand)]
    Event(EventCommand),
    /// Notes and syntheses of a group.
    #[command(subcommand)]
    Note(NoteCommand),
    /// Export a group as JSON, iCalendar, Markdown, CSV or Automerge bytes.
    Export {
        group: String,
        #[arg(long, value_name = "json|ics|md|csv|automerge")]
        format: String,
        /// The note to export as Markdown (default: every note).
        #[arg(long, value_name = "N")]
        note: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a group's Automerge bytes (merges into the same group if it is here, keeping
    /// only changes by devices the group lets write).
    Import {
        file: PathBuf,
        /// As an admin, vouch for every change the file holds, whoever wrote it (a backup, a
        /// copy kept outside Comptoir): every device then accepts them.
        #[arg(long)]
        vouch: bool,
    },
    /// This device's peer id.
    Id,
    /// Serve this device's groups to invited devices until stopped (Ctrl-C or SIGTERM).
    Serve {
        /// Where to accept connections (default: every interface, TCP and QUIC port 4710).
        #[arg(long = "listen", value_name = "MULTIADDR")]
        listen: Vec<String>,
        /// The most peers connected at once (default 64); a quarter of the connections are
        /// kept for the devices of this device's groups, whoever else connects.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=4096))]
        max_connections: Option<u32>,
        #[command(flatten)]
        lan: Lan,
    },
    /// Connect, bring every shared group up to date, and exit (non-zero if no peer answered).
    Sync {
        /// A peer to dial, e.g. /ip4/192.168.1.20/tcp/4710 (repeatable).
        #[arg(long = "peer", value_name = "MULTIADDR")]
        peers: Vec<String>,
        #[command(flatten)]
        lan: Lan,
        #[arg(long, default_value_t = 30, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Invite another facilitator's device to a group.
    #[command(subcommand)]
    Invite(InviteCommand),
    /// Devices allowed to sync a group.
    #[command(subcommand)]
    Device(DeviceCommand),
    /// Peers seen and the last sync of each group.
    Status,
    /// Who changed what in a group, newest first.
    History {
        group: String,
        /// Only the changes of this member (id, id prefix or name; a deleted one by id).
        #[arg(long, value_name = "M", conflicts_with_all = ["event", "note"])]
        member: Option<String>,
        /// Only the changes of this event.
        #[arg(long, value_name = "E", conflicts_with = "note")]
        event: Option<String>,
        /// Only the changes of this note.
        #[arg(long, value_name = "N")]
        note: Option<String>,
        /// At most this many changes.
        #[arg(long, default_value_t = 50, value_name = "COUNT")]
        limit: usize,
    },
    /// Bring back a member, event or note as it was at a moment, or just before a change
    /// (as new changes, which sync).
    Restore {
        group: String,
        /// The id of the member, event or note (`history` shows it).
        #[arg(long, value_name = "ID")]
        item: String,
        /// The moment: 2026-11-30T18:00 (this computer's time), or with an offset.
        #[arg(
            long,
            value_name = "TIME",
            required_unless_present = "before",
            conflicts_with = "before"
        )]
        at: Option<String>,
        /// Just before this change (its hash as `history` shows it, or its first 8 characters).
        #[arg(long, value_name = "CHANGE")]
        before: Option<String>,
    },
}

/// Discovery on the local network.
#[derive(Debug, Args)]
pub struct Lan {
    /// Do not look for peers on the local network (mDNS).
    #[arg(long, env = "COMPTOIR_NO_MDNS", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_mdns: bool,
}

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Make a one-time code to read aloud or paste (admins only). A device that uses it
    /// waits until an admin approves it (`invite pending`, `invite approve`), unless the code
    /// is `--preapproved`.
    Create {
        group: String,
        /// What the joining device becomes.
        #[arg(long, value_parser = parse_join_role, default_value = "facilitator", value_name = "admin|facilitator")]
        role: comptoir_app::authority::Role,
        /// Let the device in on a right proof, without approval (a code sent in a private
        /// message, or used by a script).
        #[arg(long)]
        preapproved: bool,
        /// How long the code stays valid, e.g. 30m, 24h, 7d (default 1h, at most 7d).
        #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
        expires_in: Option<std::time::Duration>,
        /// An address where this device listens, put in the code (repeatable; default: the
        /// addresses `serve` last listened on, else none: found on the LAN).
        #[arg(long = "address", value_name = "MULTIADDR")]
        addresses: Vec<String>,
    },
    /// Join a group with a code: connects to the inviting device, waits for its admin's
    /// approval (the check number both screens show is printed on stderr), and receives the
    /// group.
    Accept {
        code: String,
        /// The name this device gives itself, shown to the admin who approves it.
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        #[arg(long, default_value_t = 60, value_name = "SECONDS")]
        timeout: u64,
        #[command(flatten)]
        lan: Lan,
    },
    /// The devices waiting for an admin to let them in, of one group or all.
    Pending { group: Option<String> },
    /// Let a waiting device in (admins only); `serve` answers it at once.
    Approve { request: String },
    /// Refuse a waiting device (admins only).
    Deny { request: String },
}

/// `admin` or `facilitator`: the roles an invitation can grant.
fn parse_join_role(text: &str) -> Result<comptoir_app::authority::Role, String> {
    match text.trim() {
        "admin" => Ok(comptoir_app::authority::Role::Admin),
        "facilitator" => Ok(comptoir_app::authority::Role::Facilitator),
        other => Err(format!("{other:?} is not admin or facilitator")),
    }
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// The devices of a group, from its membership log: role, label, who added each, and
    /// whether it was removed.
    List { group: String },
    /// Give a device of the group another role (admins only).
    Role {
        group: String,
        peer_id: String,
        #[arg(value_parser = parse_join_role, value_name = "admin|facilitator")]
        role: comptoir_app::authority::Role,
    },
    /// Remove a device from the group's future syncs.
    Revoke { group: String, peer_id: String },
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a group on this computer.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = parse::<GroupKind>, value_name = "bistrot|centre-social|association|federation")]
        kind: GroupKind,
        #[command(flatten)]
        place: Place,
        #[arg(long)]
        postal_code: Option<String>,
        /// Two-letter country code (BE, FR): sets the default time zone.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        #[arg(long, requires = "lon", allow_negative_numbers = true)]
        lat: Option<f64>,
        #[arg(long, requires = "lat", allow_negative_numbers = true)]
        lon: Option<f64>,
        #[arg(long)]
        description: Option<String>,
    },
    /// The groups on this computer.
    List,
    /// Everything about one group.
    Show { group: String },
}

/// The usual place of a group.
#[derive(Debug, Args)]
pub struct Place {
    #[arg(long)]
    pub town: Option<String>,
    /// The usual venue, e.g. the café's name.
    #[arg(long)]
    pub venue: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
}

/// The fields shared by `member add` and `member update`.
#[derive(Debug, Args)]
pub struct MemberFields {
    /// The member is an organisation, not a person.
    #[arg(long)]
    pub organisation: bool,
    #[arg(long = "role", value_parser = parse::<Role>, value_name = "ROLE")]
    pub roles: Vec<Role>,
    /// The organisation this person belongs to (id or name).
    #[arg(long, value_name = "M")]
    pub member_of: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub town: Option<String>,
    #[arg(long, value_parser = Date::parse, value_name = "DATE")]
    pub joined: Option<Date>,
    /// Consent given today (repeatable).
    #[arg(long = "consent", value_parser = parse::<ConsentKind>, value_name = "contact|newsletter|public")]
    pub consents: Vec<ConsentKind>,
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a person or an organisation.
    Add {
        group: String,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        fields: MemberFields,
    },
    List {
        group: String,
    },
    Show {
        group: String,
        member: String,
    },
    /// Change a member; only the given fields change.
    Update {
        group: String,
        member: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: MemberFields,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        left: Option<Date>,
        /// Consent withdrawn today (repeatable).
        #[arg(long = "withdraw-consent", value_parser = parse::<ConsentKind>, value_name = "KIND")]
        withdraw: Vec<ConsentKind>,
    },
    Remove {
        group: String,
        member: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Plan an event, possibly repeating.
    Add {
        group: String,
        #[arg(long)]
        title: String,
        #[arg(long, value_parser = parse::<EventKind>)]
        kind: EventKind,
        #[arg(long, value_parser = LocalDateTime::parse, value_name = "YYYY-MM-DDTHH:MM")]
        start: LocalDateTime,
        #[arg(long, value_parser = LocalDateTime::parse, value_name = "YYYY-MM-DDTHH:MM")]
        end: Option<LocalDateTime>,
        /// IANA zone (default: the group's country's).
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// iCalendar recurrence rule, e.g. FREQ=WEEKLY;BYDAY=FR;UNTIL=20201218.
        #[arg(long, value_name = "RRULE")]
        repeat: Option<String>,
        #[arg(long)]
        venue: Option<String>,
        #[arg(long)]
        address: Option<String>,
        /// Video link.
        #[arg(long, value_name = "URL")]
        online: Option<String>,
        #[arg(long, value_name = "TH")]
        theme: Option<String>,
        #[arg(long = "guest", value_name = "NAME")]
        guests: Vec<String>,
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        capacity: Option<i64>,
        #[arg(long, value_parser = parse::<Registration>, value_name = "open|closed")]
        registration: Option<Registration>,
    },
    /// Occurrences between two dates, in local time with their offset.
    List {
        group: String,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        from: Option<Date>,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        to: Option<Date>,
    },
    /// Cancel one occurrence, or the whole event.
    Cancel {
        group: String,
        event: String,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        occurrence: Option<Date>,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Move one occurrence to another time.
    Move {
        group: String,
        event: String,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        occurrence: Date,
        #[arg(long, value_parser = LocalDateTime::parse, value_name = "YYYY-MM-DDTHH:MM")]
        to: LocalDateTime,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Record a member's answer.
    Rsvp {
        group: String,
        event: String,
        member: String,
        #[arg(value_parser = parse::<Rsvp>, value_name = "yes|no|maybe")]
        answer: Rsvp,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        occurrence: Option<Date>,
    },
    /// Record how many people came.
    Attendance {
        group: String,
        event: String,
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        occurrence: Date,
        #[arg(long, allow_negative_numbers = true, value_name = "N")]
        count: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Write a note or synthesis.
    Add {
        group: String,
        #[arg(long)]
        title: String,
        /// The event this note reports on (id or title).
        #[arg(long, value_name = "E")]
        event: Option<String>,
        #[arg(long, value_parser = Date::parse, value_name = "DATE", requires = "event")]
        occurrence: Option<Date>,
        /// The note's date (default: the occurrence's, else today).
        #[arg(long, value_parser = Date::parse, value_name = "DATE")]
        date: Option<Date>,
        #[arg(long, value_parser = parse::<Visibility>, value_name = "internal|group|published")]
        visibility: Option<Visibility>,
        /// A section, as "HEADING=TEXT" (repeatable, in order).
        #[arg(long = "section", value_parser = parse_section, value_name = "HEADING=TEXT")]
        sections: Vec<(String, String)>,
        #[arg(long = "link", value_name = "URL")]
        links: Vec<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long = "author", value_name = "NAME")]
        authors: Vec<String>,
    },
    List {
        group: String,
    },
    Show {
        group: String,
        note: String,
    },
    /// Add a paragraph to a section (created if new).
    Append {
        group: String,
        note: String,
        #[arg(long, value_name = "HEADING")]
        section: String,
        #[arg(long, value_name = "TEXT")]
        text: String,
    },
}

fn parse<T: std::str::FromStr<Err = comptoir_app::model::ModelError>>(
    s: &str,
) -> Result<T, String> {
    s.parse()
        .map_err(|e: comptoir_app::model::ModelError| e.to_string())
}

fn parse_section(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .and_then(|(heading, body)| Some((text::given(heading)?, body.to_string())))
        .ok_or_else(|| format!("expected HEADING=TEXT, got {s:?}"))
}

/// Reads `90s`, `30m`, `24h`, `7d`, or a number of seconds.
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (number, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = number
        .parse()
        .map_err(|_| format!("expected a duration such as 30m, 24h or 7d, got {s:?}"))?;
    let per_unit: u64 = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("unknown unit {unit:?} in {s:?}: use s, m, h or d")),
    };
    let seconds = n
        .checked_mul(per_unit)
        .ok_or_else(|| format!("{s:?} is far too long"))?;
    if seconds == 0 {
        return Err("a duration must be more than zero".into());
    }
    Ok(std::time::Duration::from_secs(seconds))
}
