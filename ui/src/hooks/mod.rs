//! Hooks that connect components to the desktop shell.

mod use_load_groups;

pub use use_load_groups::use_load_groups;
