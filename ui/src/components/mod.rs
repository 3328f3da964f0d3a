//! Reusable pieces of the interface, one concept per file.

mod agenda_tab;
mod error_message;
mod event_form;
mod field;
mod group_form;
mod group_list;
mod group_page;
mod lang_switch;
mod loaded;
mod member_card;
mod member_form;
mod members_tab;
mod note_card;
mod note_form;
mod notes_tab;
mod occurrence_item;
mod tabs;

pub use agenda_tab::AgendaTab;
pub use error_message::ErrorMessage;
pub use event_form::EventForm;
pub use field::{CheckField, SelectField, TextArea, TextField, bind};
pub use group_form::GroupForm;
pub use group_list::GroupList;
pub use group_page::GroupPage;
pub use lang_switch::LangSwitch;
pub use loaded::loaded;
pub use member_card::MemberCard;
pub use member_form::MemberForm;
pub use members_tab::MembersTab;
pub use note_card::NoteCard;
pub use note_form::NoteForm;
pub use notes_tab::NotesTab;
pub use occurrence_item::OccurrenceItem;
pub use tabs::Tabs;
