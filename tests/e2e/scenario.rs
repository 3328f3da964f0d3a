//! A facilitator's first session with the app, seen through its window: a group created, a
//! weekly meeting planned and one date cancelled for a strike, the month's calendar, a synthesis
//! written and edited in place, an invitation code from Paramètres accepted by another device,
//! a member added on that device arriving by sync while the Membres tab is open, without a
//! reload, then removed there and restored from Historique; then the same app in English.

use std::ffi::OsStr;
use std::time::Duration;

use anyhow::{Context, Result, ensure};

use comptoir_testkit::{Cli, Display, TIMEOUT};

use crate::driver::Driver;
use crate::paths::{self, DESKTOP};
use crate::ui::{
    STARTUP, STEP, accept_join_request, button, click_button, field, invitation_from_settings,
    join_request_check, open_tab, submit, type_into,
};

/// Longest wait for a peer's member to show up (sync, then the shell's change event).
const SYNC: Duration = Duration::from_secs(45);

const GROUP: &str = "Bistrot du Social de Dampremy";
const EVENT: &str = "Bistrot de la semaine";
const NOTE: &str = "Synthèse du bistrot de mars";
const CONSTATS: &str = "Peu de temps pour prendre du recul.";
const EDIT: &str = " Le groupe propose une rencontre de plus.";
const PEER_MEMBER: &str = "Chloé Vandenbroucke";

#[test]
fn a_group_its_agenda_its_synthesis_and_a_member_from_a_peer() -> Result<()> {
    let cli = paths::cli()?;
    let shots = paths::screenshots()?;
    let app_dir = tempfile::tempdir()?;
    let peer_dir = tempfile::tempdir()?;
    // The webview keeps its own data (the chosen language) under XDG_DATA_HOME: a private one.
    let webview_dir = tempfile::tempdir()?;
    let port = comptoir_testkit::free_port()?;
    let address = format!("/ip4/127.0.0.1/tcp/{port}");
    let display = Display::start()?;
    let driver = Driver::start(
        &display,
        &[
            ("COMPTOIR_DATA_DIR", app_dir.path().as_os_str()),
            ("COMPTOIR_LISTEN", OsStr::new(&address)),
            ("XDG_DATA_HOME", webview_dir.path().as_os_str()),
            ("XDG_CACHE_HOME", webview_dir.path().as_os_str()),
        ],
    )?;
    let app = Cli::on(cli.clone(), app_dir.path());
    let peer = Cli::on(cli, peer_dir.path());

    // 1. The app opens on "Mes groupes", with no group yet.
    let session = driver.session(DESKTOP.as_ref())?;
    session.wait_for("//h1[normalize-space(.)='Mes groupes']", STARTUP)?;
    session.wait_for("//p[@class='empty']", STEP)?;
    session.screenshot(&shots.join("groups.png"))?;

    // 2. The facilitator creates the group with the form on that page; it opens.
    let form = "//form[@aria-labelledby='new-group']";
    type_into(&session, &field(form, "input", "Nom du groupe"), GROUP)?;
    type_into(&session, &field(form, "input", "Commune"), "Dampremy")?;
    submit(&session, "Créer le groupe")?;
    session.wait_for(&format!("//h1[normalize-space(.)='{GROUP}']"), STEP)?;

    // 3. Agenda: a meeting every week from today; its next occurrences are listed.
    open_tab(&session, "Agenda")?;
    click_button(&session, "Planifier une rencontre")?;
    let form = "//form[@aria-labelledby='new-event']";
    type_into(&session, &field(form, "input", "Titre"), EVENT)?;
    let date = session.wait_for(&field(form, "input", "Date"), STEP)?;
    let today = session.today()?;
    session.pick(&date, &today)?;
    let repeat = session.wait_for(&field(form, "select", "Répétition"), STEP)?;
    session.select(&repeat, "chaque semaine")?;
    session.wait_for(&format!("{form}//p[@class='summary']"), STEP)?;
    submit(&session, "Enregistrer la rencontre")?;
    let listed = format!("//ol[@class='agenda']/li[contains(., '{EVENT}')]");
    session.wait_until("the weekly meeting's occurrences", STEP, || {
        Ok(session.find_all(&listed)?.len() >= 20)
    })?;
    session.screenshot(&shots.join("agenda.png"))?;

    // 3b. The second date is cancelled "pour cause de grève": still listed, cancelled, with the
    //     reason.
    let second = format!("({listed})[2]");
    session
        .click(&session.wait_for(&format!("{second}{}", button("Annuler cette date")), STEP)?)?;
    let reason = field(&format!("{second}//form"), "input", "Raison de l");
    type_into(&session, &reason, "pour cause de grève")?;
    session.click(&session.wait_for(&format!("{second}//form//button[@type='submit']"), STEP)?)?;
    session.wait_for(
        &format!("{listed}[contains(@class, 'cancelled')][contains(., 'pour cause de grève')]"),
        STEP,
    )?;

    // 3c. The month's calendar shows today's meeting under the day.
    session.click(&session.wait_for("//button[@id='show-month']", STEP)?)?;
    session.wait_for(
        &format!("//div[@id='month-view']//ol[@class='agenda']/li[contains(., '{EVENT}')]"),
        STEP,
    )?;
    session.screenshot(&shots.join("agenda-month.png"))?;

    // 4. Synthèses: a synthesis written with the form, then a section edited in place, saved
    //    when the person leaves the field.
    open_tab(&session, "Synthèses")?;
    click_button(&session, "Écrire une synthèse")?;
    let form = "//form[@aria-labelledby='new-note']";
    type_into(&session, &field(form, "input", "Titre"), NOTE)?;
    type_into(&session, &field(form, "textarea", "Constats"), CONSTATS)?;
    submit(&session, "Enregistrer la synthèse")?;
    let card = format!("//article[contains(@class, 'note')][.//h3[normalize-space(.)='{NOTE}']]");
    let section = session.wait_for(&field(&card, "textarea", "Constats"), STEP)?;
    session.wait_until("the saved section in the card", STEP, || {
        Ok(session.value_of(&section)? == CONSTATS)
    })?;
    session.type_into(&section, EDIT)?;
    // Leaving the field saves it.
    session.click(&session.wait_for(&format!("{card}//h3"), STEP)?)?;
    session.screenshot(&shots.join("notes.png"))?;

    // 5. Membres: nobody yet.
    open_tab(&session, "Membres")?;
    session.wait_for("//p[@class='empty']", STEP)?;
    session.screenshot(&shots.join("members-empty.png"))?;

    // 6. Paramètres makes a one-time invitation code and shows it to read aloud; the app
    //    listens on loopback only, so the code names that address.
    let code = invitation_from_settings(&session, &shots.join("settings.png"))?;

    // 7. Another facilitator's device (the CLI) joins with that code, as typed: it waits, and
    //    the window shows its request with the check number the CLI prints; accepted there.
    let (run, check) = std::thread::scope(|scope| -> Result<_> {
        let accepting = scope.spawn(|| peer.accept(&code, TIMEOUT));
        let check = join_request_check(&session, SYNC)?;
        session.screenshot(&shots.join("join-request.png"))?;
        accept_join_request(&session, &check)?;
        let run = accepting
            .join()
            .map_err(|_| anyhow::anyhow!("the joining command's thread panicked"))?;
        Ok((run, check))
    })?;
    ensure!(
        run.stderr.contains(&format!("check {check}")),
        "the window showed {check:?}, the joining device said {:?}",
        run.stderr
    );
    let joined = run.try_json(&["invite", "accept"])?;
    let group = joined["joined"].as_str().context("a joined group")?;
    open_tab(&session, "Membres")?;
    session.wait_for("//p[@class='empty']", STEP)?;

    // 8. The peer adds a member and syncs with the app by address; the open Membres tab shows
    //    the new member without any reload.
    peer.try_json(&[
        "member",
        "add",
        group,
        "--name",
        PEER_MEMBER,
        "--town",
        "Charleroi",
    ])?;
    peer.sync(&address, TIMEOUT).try_json(&["sync"])?;
    session.wait_for(&format!("//*[contains(., '{PEER_MEMBER}')]"), SYNC)?;
    session.screenshot(&shots.join("members.png"))?;

    // 8a. The peer removes that member and syncs: she leaves the open Membres tab. Historique
    //     says the peer removed her (this device wrote the synthesis), and "Restaurer" brings
    //     her back, here and, at the next sync, on the peer.
    peer.try_json(&["member", "remove", group, PEER_MEMBER])?;
    peer.sync(&address, TIMEOUT).try_json(&["sync"])?;
    session.wait_for("//p[@class='empty']", SYNC)?;
    open_tab(&session, "Historique")?;
    let entry = |what: &str| {
        format!("//li[contains(@class, 'history-entry')][.//li[contains(., '{what}')]]")
    };
    let removal = entry(&format!("Membre « {PEER_MEMBER} » supprimé"));
    let removal_by = session.text_of(&session.wait_for(&format!("{removal}/p"), STEP)?)?;
    let note_by = session.text_of(&session.wait_for(
        &format!("{}/p", entry(&format!("Synthèse « {NOTE} » ajoutée"))),
        STEP,
    )?)?;
    ensure!(
        note_by.contains("cet appareil") && !removal_by.contains("cet appareil"),
        "the synthesis is said written by {note_by:?}, the removal by {removal_by:?}"
    );
    session.screenshot(&shots.join("history.png"))?;
    session.click(&session.wait_for(&format!("{removal}{}", button("Restaurer")), STEP)?)?;
    session.wait_for(
        &format!("//*[@role='status'][contains(., '« {PEER_MEMBER} » est de retour.')]"),
        STEP,
    )?;
    session.wait_until("“Restaurer” gone once she is back", STEP, || {
        Ok(session
            .find_all(&format!("{removal}{}", button("Restaurer")))?
            .is_empty())
    })?;
    open_tab(&session, "Membres")?;
    session.wait_for(&format!("//*[contains(., '{PEER_MEMBER}')]"), STEP)?;
    peer.sync(&address, TIMEOUT).try_json(&["sync"])?;
    let on_peer = peer.try_json(&["member", "list", group])?;
    ensure!(
        on_peer.to_string().contains(PEER_MEMBER),
        "the restored member did not reach the peer: {on_peer}"
    );

    // 8b. Synchronisation: the peer is listed, and the group's last sync.
    session.click(&session.wait_for("//button[@id='open-sync']", STEP)?)?;
    session.wait_for("//*[@id='network-state'][@data-state='online']", STEP)?;
    session.screenshot(&shots.join("sync.png"))?;

    // 8c. In English, the same page speaks English; back in French afterwards.
    session.click(&session.wait_for("//button[contains(@class, 'lang-switch')]", STEP)?)?;
    session.wait_for("//h1[normalize-space(.)='Sync']", STEP)?;
    session.screenshot(&shots.join("sync-en.png"))?;
    session.click(&session.wait_for("//button[contains(@class, 'lang-switch')]", STEP)?)?;
    session.wait_for("//h1[normalize-space(.)='Synchronisation']", STEP)?;

    // 9. With the app closed, its data directory holds the edited synthesis and the member.
    drop(session);
    let notes = app.try_json(&["note", "list", group])?;
    let note = notes[0]["id"].as_str().context("a note id")?;
    let shown = app.try_json(&["note", "show", group, note])?;
    let constats = shown["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["heading"] == "Constats"))
        .and_then(|s| s["body"].as_str())
        .context("a Constats section")?;
    ensure!(
        constats == format!("{CONSTATS}{EDIT}"),
        "the edit in place was not saved: {constats:?}"
    );
    let members = app.try_json(&["member", "list", group])?;
    ensure!(
        members.to_string().contains(PEER_MEMBER),
        "the synced member is not stored: {members}"
    );
    Ok(())
}
