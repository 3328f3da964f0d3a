//! Runs something every so often while a component is shown (the Sync page's refresh);
//! stopped when the component goes away.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

#[hook]
pub fn use_interval(millis: i32, tick: impl Fn() + 'static) {
    use_effect_with(millis, move |&millis| {
        let tick = Closure::<dyn Fn()>::new(tick);
        let window = web_sys::window();
        let handle = window.as_ref().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                millis,
            )
            .ok()
        });
        move || {
            if let (Some(window), Some(handle)) = (window, handle) {
                window.clear_interval_with_handle(handle);
            }
            // Freed only once the interval can no longer call it.
            drop(tick);
        }
    });
}
