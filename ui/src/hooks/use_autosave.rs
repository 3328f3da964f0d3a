//! Saves a synthesis's sections as the person types: a section is sent once they pause (or
//! leave it), one save at a time and in order, and what they are typing is never replaced by an
//! older copy coming back from the shell.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use comptoir_ipc::{IpcError, Note, SectionEdit};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::bridge;

/// How long a pause in typing is before the section is saved.
const PAUSE_MS: i32 = 600;

/// Where the card's saving stands, to say it plainly.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SaveStatus {
    #[default]
    Idle,
    Saving,
    Saved,
    Failed(IpcError),
}

/// What the card shows and the callbacks of its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Autosave {
    /// Each section's text, in the note's order.
    pub texts: Vec<String>,
    pub status: SaveStatus,
    typed: Callback<(String, String)>,
    left: Callback<String>,
}

impl Autosave {
    /// Called with the section's whole text at each keystroke.
    pub fn oninput(&self, section: &str) -> Callback<String> {
        let section = section.to_string();
        self.typed.reform(move |text| (section.clone(), text))
    }

    /// Called when the person leaves the section: saved at once.
    pub fn onchange(&self, section: &str) -> Callback<String> {
        let section = section.to_string();
        self.left.reform(move |_| section.clone())
    }
}

#[derive(Default)]
struct Inner {
    /// Section id → what the person typed last.
    latest: BTreeMap<String, String>,
    /// Sections typed in and not yet saved as they read now.
    unsaved: BTreeSet<String>,
    /// The pause timer: its handle and the callback it holds.
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    sending: bool,
}

#[hook]
pub fn use_autosave(group: AttrValue, note: &Note) -> Autosave {
    let inner = use_mut_ref(Inner::default);
    let texts = use_state(|| shown(note, &inner.borrow()));
    let status = use_state(SaveStatus::default);
    {
        // The shell's copy changed (a save came back, a peer's edits arrived): show it, except
        // in sections with unsaved typing.
        let texts = texts.clone();
        let inner = inner.clone();
        use_effect_with(note.clone(), move |note| {
            texts.set(shown(note, &inner.borrow()));
        });
    }
    let save_next: Rc<dyn Fn()> = {
        let inner = inner.clone();
        let status = status.setter();
        let note = note.id.clone();
        Rc::new(move || flush(&inner, &group, &note, status.clone()))
    };
    let typed = {
        let inner = inner.clone();
        let texts = texts.clone();
        let save_next = save_next.clone();
        let order: Vec<String> = note.sections.iter().map(|s| s.id.clone()).collect();
        Callback::from(move |(section, text): (String, String)| {
            let mut shown = (*texts).clone();
            if let Some(slot) = order
                .iter()
                .position(|id| *id == section)
                .and_then(|i| shown.get_mut(i))
            {
                slot.clone_from(&text);
            }
            texts.set(shown);
            let mut state = inner.borrow_mut();
            state.latest.insert(section.clone(), text);
            state.unsaved.insert(section);
            restart_timer(&mut state, save_next.clone());
        })
    };
    let left = Callback::from(move |_section: String| save_next());
    Autosave {
        texts: (*texts).clone(),
        status: (*status).clone(),
        typed,
        left,
    }
}

/// The note's sections as the card shows them.
fn shown(note: &Note, inner: &Inner) -> Vec<String> {
    note.sections
        .iter()
        .map(|s| match inner.latest.get(&s.id) {
            Some(typed) if inner.unsaved.contains(&s.id) => typed.clone(),
            _ => s.text.clone(),
        })
        .collect()
}

fn restart_timer(state: &mut Inner, save_next: Rc<dyn Fn()>) {
    let window = web_sys::window();
    if let (Some(window), Some((handle, _))) = (&window, state.timer.take()) {
        window.clear_timeout_with_handle(handle);
    }
    let callback = Closure::<dyn FnMut()>::new(move || save_next());
    let handle = window.and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            PAUSE_MS,
        )
        .ok()
    });
    if let Some(handle) = handle {
        state.timer = Some((handle, callback));
    }
}

/// Sends the next unsaved section, unless a save is on its way (it sends the next when done).
fn flush(
    inner: &Rc<RefCell<Inner>>,
    group: &AttrValue,
    note: &str,
    status: UseStateSetter<SaveStatus>,
) {
    let edit = {
        let mut state = inner.borrow_mut();
        if state.sending {
            return;
        }
        let Some(section) = state.unsaved.iter().next().cloned() else {
            return;
        };
        let text = state.latest.get(&section).cloned().unwrap_or_default();
        state.sending = true;
        SectionEdit {
            group: group.to_string(),
            note: note.to_string(),
            section,
            text,
        }
    };
    status.set(SaveStatus::Saving);
    let inner = inner.clone();
    let group = group.clone();
    let note = note.to_string();
    spawn_local(async move {
        let result = bridge::edit_section(&edit).await;
        {
            let mut state = inner.borrow_mut();
            state.sending = false;
            let unchanged = state.latest.get(&edit.section) == Some(&edit.text);
            if result.is_ok() && unchanged {
                state.unsaved.remove(&edit.section);
            }
        }
        match result {
            Ok(_) => {
                status.set(SaveStatus::Saved);
                // Whatever was typed meanwhile goes next.
                flush(&inner, &group, &note, status);
            }
            Err(error) => status.set(SaveStatus::Failed(error)),
        }
    });
}
