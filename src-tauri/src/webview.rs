//! How the window's webview is set up. Comptoir shows forms and lists: drawing them in software
//! and keeping WebKit's caches small costs nothing visible and saves about 80 MB of memory (see
//! `cargo xtask bench -- desktop`).

use tauri::WebviewWindow;

pub fn tune(window: &WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let tuned = window.with_webview(|webview| {
            let view = webview.inner();
            // Except under WebDriver (the end-to-end tests), whose screenshots need WebKit's
            // accelerated drawing.
            if !view.is_controlled_by_automation()
                && let Some(settings) = WebViewExt::settings(&view)
            {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = tuned {
            tracing::warn!(error = %e, "the webview could not be tuned; it works as it is");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
