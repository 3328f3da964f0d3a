//! Sends a form to the shell: remembers whether it is on its way and the error to show, and on
//! success tells the page that data changed.

use std::future::Future;

use comptoir_ipc::IpcError;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::state::{Action, State};

/// A form's sending state.
#[derive(Debug, Clone, PartialEq)]
pub struct Submit {
    pub sending: bool,
    pub error: Option<IpcError>,
    run: Callback<(bool, Option<IpcError>)>,
    changed: Callback<()>,
}

impl Submit {
    /// Sends `request`; `done` runs after a success (to close or clear the form).
    pub fn send<T: 'static>(
        &self,
        request: impl Future<Output = Result<T, IpcError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        if self.sending {
            return;
        }
        self.run.emit((true, None));
        let run = self.run.clone();
        let changed = self.changed.clone();
        spawn_local(async move {
            match request.await {
                Ok(value) => {
                    run.emit((false, None));
                    done(value);
                    changed.emit(());
                }
                Err(error) => run.emit((false, Some(error))),
            }
        });
    }
}

#[hook]
pub fn use_submit() -> Submit {
    let status = use_state(|| (false, None::<IpcError>));
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let run = {
        let status = status.clone();
        Callback::from(move |next| status.set(next))
    };
    let changed = Callback::from(move |()| {
        if let Some(dispatcher) = &dispatcher {
            dispatcher.dispatch(Action::Changed);
        }
    });
    Submit {
        sending: status.0,
        error: status.1.clone(),
        run,
        changed,
    }
}
