//! What the tests do on a page, the way a person does it: fill in a field found by its visible
//! label, press a button found by its words, open a tab.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::webdriver::{Element, Session};

/// Longest wait for the window's first page (a debug build starting on a busy machine).
pub const STARTUP: Duration = Duration::from_secs(60);
/// Longest wait for the page to answer a click.
pub const STEP: Duration = Duration::from_secs(20);

/// A form control inside `scope`, by the visible label around it.
pub fn field(scope: &str, control: &str, label: &str) -> String {
    format!(
        "{scope}//label[span[@class='label'][starts-with(normalize-space(.), '{label}')]]//{control}"
    )
}

pub fn type_into(session: &Session, xpath: &str, text: &str) -> Result<()> {
    let element = session.wait_for(xpath, STEP)?;
    session.click(&element)?;
    session.type_into(&element, text)
}

pub fn button(text: &str) -> String {
    format!("//button[normalize-space(.)=\"{text}\"]")
}

pub fn click_button(session: &Session, text: &str) -> Result<Element> {
    let element = session.wait_for(&button(text), STEP)?;
    session.click(&element)?;
    Ok(element)
}

/// Clicks a form's submit button once the form is complete enough to enable it.
pub fn submit(session: &Session, text: &str) -> Result<()> {
    let element = session.wait_for(&button(text), STEP)?;
    session.wait_until(&format!("“{text}” enabled"), STEP, || {
        session.is_enabled(&element)
    })?;
    session.click(&element)
}

pub fn tab(name: &str) -> String {
    format!("//nav[contains(@class, 'tabs')]//button[normalize-space(.)='{name}']")
}

pub fn open_tab(session: &Session, name: &str) -> Result<()> {
    let tab = tab(name);
    session.click(&session.wait_for(&tab, STEP)?)?;
    session.wait_for(&format!("{tab}[@aria-current='page']"), STEP)?;
    Ok(())
}

/// The group's Paramètres tab: its “Inviter un appareil” button (`#invite-device`) shows a code
/// in `#invitation-code`, in groups to read aloud; a screenshot is taken.
pub fn invitation_from_settings(session: &Session, screenshot: &Path) -> Result<String> {
    open_tab(session, "Paramètres")?;
    session.click(&session.wait_for("//button[@id='invite-device']", STEP)?)?;
    let shown = session.wait_for("//*[@id='invitation-code']", STEP)?;
    session.wait_until("an invitation code", STEP, || {
        Ok(session.text_of(&shown)?.split_whitespace().count() >= 4)
    })?;
    session.scroll_to(&shown)?;
    session.screenshot(screenshot)?;
    session.text_of(&shown)
}

/// On the inviting window's Paramètres: waits for a device asking to join, and returns the
/// check number it shows for it.
pub fn join_request_check(session: &Session, timeout: std::time::Duration) -> Result<String> {
    let shown = session.wait_for(
        "//li[contains(@class, 'join-request')]//*[contains(@class, 'check-number')]",
        timeout,
    )?;
    session.text_of(&shown)
}

/// Clicks "Accepter" on the request showing `check` (the number the joining device shows).
pub fn accept_join_request(session: &Session, check: &str) -> Result<()> {
    let accept = format!(
        "//li[contains(@class, 'join-request')][.//*[contains(@class, 'check-number')][normalize-space(.)='{check}']]//button[normalize-space(.)='Accepter']"
    );
    session.click(&session.wait_for(&accept, STEP)?)
}
