//! Conversions between `comptoir-ipc` wire types and the application's domain types, by hand:
//! only this edge knows the wire format.

mod agenda;
mod export;
mod group;
mod history;
mod member;
mod note;
mod recurrence;
mod sync;

pub use agenda::{event_changes, event_edit, new_event, occurrence, rsvp};
pub use export::exported;
pub use group::{damaged_group, group_detail, group_summary, new_group, profile_changes};
pub use history::{history_entry, restored};
pub use member::{member, new_member};
pub use note::{event_of, new_note, note};
pub use sync::{device, invitation, sync_status};

use comptoir_app::Result;
use comptoir_app::model::{Date, LocalDateTime, text::given};

/// A `YYYY-MM-DD` date typed in a form, empty meaning "not given".
fn optional_date(text: &str) -> Result<Option<Date>> {
    Ok(given(text).map(|t| Date::parse(&t)).transpose()?)
}

/// A `YYYY-MM-DDTHH:MM` local time typed in a form, empty meaning "not given".
fn optional_local(text: &str) -> Result<Option<LocalDateTime>> {
    Ok(given(text).map(|t| LocalDateTime::parse(&t)).transpose()?)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
