//! Hooks that connect components to the desktop shell.

mod use_autosave;
mod use_changes;
mod use_interval;
mod use_page_data;
mod use_submit;

pub use use_autosave::{SaveStatus, use_autosave};
pub use use_changes::use_changes;
pub use use_interval::use_interval;
pub use use_page_data::use_page_data;
pub use use_submit::use_submit;
