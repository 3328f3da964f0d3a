//! Reusable pieces of the interface.

mod error_message;
mod group_list;

pub use error_message::ErrorMessage;
pub use group_list::GroupList;
