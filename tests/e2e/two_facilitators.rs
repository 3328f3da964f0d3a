//! Two facilitators, each with the app open on their own laptop: one invites the other from
//! Paramètres, the other joins from "Mes groupes" with the code as read aloud, and from then on
//! what one writes appears in the other's window as it is made, without a reload.

use std::ffi::OsStr;
use std::time::Duration;

use anyhow::{Context, Result};

use comptoir_testkit::Display;

use crate::driver::Driver;
use crate::paths::{self, DESKTOP};
use crate::ui::{
    STARTUP, STEP, accept_join_request, click_button, field, invitation_from_settings,
    join_request_check, open_tab, submit, type_into,
};
use crate::webdriver::Session;

/// Longest wait for an edit to reach the other window (a tick, a sync, a change event).
const LIVE: Duration = Duration::from_secs(30);

const GROUP: &str = "Bistrot du Social de Jumet";
const JOINER_MEMBER: &str = "Élise Martin";
const NOTE: &str = "Synthèse de la rentrée";

/// One facilitator's laptop: the app on its own data, listening on loopback.
struct Laptop {
    session: Session,
    /// The app's log (`COMPTOIR_LOG_FILE`), shown if the test fails.
    log: std::path::PathBuf,
    // Dropped after the session: the driver stops the app.
    _driver: Driver,
    _dirs: [tempfile::TempDir; 2],
}

impl Laptop {
    fn open(display: &Display) -> Result<Self> {
        let data = tempfile::tempdir()?;
        let webview = tempfile::tempdir()?;
        let address = format!("/ip4/127.0.0.1/tcp/{}", comptoir_testkit::free_port()?);
        let log = webview.path().join("comptoir.log");
        let driver = Driver::start(
            display,
            &[
                ("COMPTOIR_DATA_DIR", data.path().as_os_str()),
                ("COMPTOIR_LISTEN", OsStr::new(&address)),
                ("XDG_DATA_HOME", webview.path().as_os_str()),
                ("XDG_CACHE_HOME", webview.path().as_os_str()),
                ("COMPTOIR_LOG_FILE", log.as_os_str()),
                (
                    "RUST_LOG",
                    OsStr::new("info,comptoir_app=debug,comptoir_sync=debug"),
                ),
            ],
        )?;
        let session = driver.session(DESKTOP.as_ref())?;
        session.wait_for("//h1[normalize-space(.)='Mes groupes']", STARTUP)?;
        Ok(Self {
            session,
            log,
            _driver: driver,
            _dirs: [data, webview],
        })
    }
}

impl Laptop {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

#[test]
fn a_second_facilitator_joins_with_the_code_and_edits_appear_live() -> Result<()> {
    let display = Display::start()?;
    let first = Laptop::open(&display)?;
    let second = Laptop::open(&display)?;
    two_facilitators(&first.session, &second.session).with_context(|| {
        format!(
            "the first app's log:\n{}\nthe second app's log:\n{}",
            first.log(),
            second.log()
        )
    })
}

fn two_facilitators(a: &Session, b: &Session) -> Result<()> {
    let shots = paths::screenshots()?;

    // 1. The first facilitator creates the bistrot and makes an invitation code in Paramètres.
    let form = "//form[@aria-labelledby='new-group']";
    type_into(a, &field(form, "input", "Nom du groupe"), GROUP)?;
    submit(a, "Créer le groupe")?;
    a.wait_for(&format!("//h1[normalize-space(.)='{GROUP}']"), STEP)?;
    let code = invitation_from_settings(a, &shots.join("two-settings.png"))?;

    // 2. The second types the code as it was read aloud, in "Mes groupes": its window shows a
    //    check number while it waits, the first window shows the same number beside the
    //    request, and the first facilitator accepts it. The group opens on the second.
    type_into(b, "//input[@id='join-code']", &code)?;
    b.click(&b.wait_for("//button[@id='join-submit']", STEP)?)?;
    let waiting = b.text_of(&b.wait_for("//*[@id='join-check']", LIVE)?)?;
    let asked = join_request_check(a, LIVE)?;
    anyhow::ensure!(
        waiting == asked,
        "the joining window shows {waiting:?}, the inviting one {asked:?}"
    );
    a.screenshot(&shots.join("two-join-request.png"))?;
    accept_join_request(a, &asked)?;
    b.wait_for(&format!("//h1[normalize-space(.)='{GROUP}']"), LIVE)?;

    // 3. The first keeps Membres open; the second adds a member: it appears in the first window.
    open_tab(a, "Membres")?;
    a.wait_for("//p[@class='empty']", STEP)?;
    open_tab(b, "Membres")?;
    click_button(b, "Ajouter un membre")?;
    let form = "//form[@aria-labelledby='new-member']";
    type_into(b, &field(form, "input", "Nom"), JOINER_MEMBER)?;
    submit(b, "Ajouter le membre")?;
    let member = format!("//li[contains(@class, 'member')][contains(., '{JOINER_MEMBER}')]");
    b.wait_for(&member, STEP)?;
    a.wait_for(
        &format!("//li[contains(@class, 'member')][contains(., '{JOINER_MEMBER}')]"),
        LIVE,
    )?;
    a.screenshot(&shots.join("two-members-live.png"))?;

    // 4. The other way: the first writes a synthesis; the second, on Synthèses, sees it.
    open_tab(b, "Synthèses")?;
    open_tab(a, "Synthèses")?;
    click_button(a, "Écrire une synthèse")?;
    let form = "//form[@aria-labelledby='new-note']";
    type_into(a, &field(form, "input", "Titre"), NOTE)?;
    type_into(
        a,
        &field(form, "textarea", "Constats"),
        "Beaucoup de nouvelles têtes.",
    )?;
    submit(a, "Enregistrer la synthèse")?;
    b.wait_for(
        &format!("//article[contains(@class, 'note')][.//h3[normalize-space(.)='{NOTE}']]"),
        LIVE,
    )?;
    b.screenshot(&shots.join("two-notes-live.png"))?;
    Ok(())
}
