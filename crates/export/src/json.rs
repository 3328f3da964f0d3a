//! The whole group as JSON, for data portability: everything the document holds, as the
//! model's types serialise it.

use comptoir_model::Group;

use crate::ExportError;

/// The group as pretty-printed JSON. Unlike the CSV, this is the group's complete data,
/// contact details included: it is for moving the group elsewhere, not for sharing.
pub fn group(group: &Group) -> Result<String, ExportError> {
    Ok(serde_json::to_string_pretty(group)?)
}
