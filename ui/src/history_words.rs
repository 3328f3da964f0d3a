//! The Historique tab's sentences: what a change did, in words ("Rencontre « Bistrot du
//! vendredi » modifiée : titre, début") and which device wrote it (when is `when::changed_at`).
//! Plain functions, tested on the host.

use comptoir_ipc::{HistoryEntry, How, ItemKind, Touched};

use crate::device_name::short_peer;
use crate::i18n::Lang;

/// What one change did to one item.
pub fn what(lang: Lang, touched: &Touched) -> String {
    let name = touched.name.as_deref().unwrap_or_default();
    let fields: Vec<&str> = touched
        .fields
        .iter()
        .map(|f| field(lang, touched.kind, f))
        .collect();
    let mut said = match (lang, touched.kind) {
        (Lang::Fr, ItemKind::Profile) => "Profil du groupe".to_owned(),
        (Lang::En, ItemKind::Profile) => "The group's profile".to_owned(),
        (Lang::Fr, ItemKind::Device) => format!("Appareil {}", short_peer(&touched.id)),
        (Lang::En, ItemKind::Device) => format!("Device {}", short_peer(&touched.id)),
        (Lang::Fr, kind) => format!("{} « {name} »", item_fr(kind)),
        (Lang::En, kind) => format!("{} “{name}”", item_en(kind)),
    };
    said.push(' ');
    said.push_str(done(lang, touched.kind, touched.how));
    if touched.how == How::Changed && !fields.is_empty() {
        said.push_str(lang.pick(" : ", ": "));
        said.push_str(&fields.join(", "));
    }
    said
}

fn item_fr(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Member => "Membre",
        ItemKind::Event => "Rencontre",
        ItemKind::Note => "Synthèse",
        ItemKind::Profile | ItemKind::Device => "",
    }
}

fn item_en(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Member => "Member",
        ItemKind::Event => "Event",
        ItemKind::Note => "Synthesis",
        ItemKind::Profile | ItemKind::Device => "",
    }
}

/// "ajouté", "modifiée"…: French agrees with the item (une rencontre, une synthèse); a device
/// is let in and removed, not added and deleted.
fn done(lang: Lang, kind: ItemKind, how: How) -> &'static str {
    let feminine = matches!(kind, ItemKind::Event | ItemKind::Note);
    match (lang, kind, how) {
        (Lang::Fr, ItemKind::Device, How::Added) => return "admis dans le groupe",
        (Lang::Fr, ItemKind::Device, How::Deleted) => return "retiré du groupe",
        (Lang::En, ItemKind::Device, How::Added) => return "let into the group",
        (Lang::En, ItemKind::Device, How::Deleted) => return "removed from the group",
        _ => {}
    }
    match (lang, how, feminine) {
        (Lang::Fr, How::Added, false) => "ajouté",
        (Lang::Fr, How::Added, true) => "ajoutée",
        (Lang::Fr, How::Changed, false) => "modifié",
        (Lang::Fr, How::Changed, true) => "modifiée",
        (Lang::Fr, How::Deleted, false) => "supprimé",
        (Lang::Fr, How::Deleted, true) => "supprimée",
        (Lang::En, How::Added, _) => "added",
        (Lang::En, How::Changed, _) => "changed",
        (Lang::En, How::Deleted, _) => "deleted",
    }
}

/// A field's name as its form shows it; one this version does not know keeps its own name.
pub fn field(lang: Lang, kind: ItemKind, key: &str) -> &str {
    let (fr, en) = match (kind, key) {
        (ItemKind::Member | ItemKind::Profile, "name") => ("nom", "name"),
        (ItemKind::Member | ItemKind::Event, "kind") => ("type", "kind"),
        (ItemKind::Profile, "kind") => ("type de groupe", "kind of group"),
        (ItemKind::Member, "roles") => ("rôles", "roles"),
        (ItemKind::Member, "member_of") => ("membre de", "member of"),
        (ItemKind::Member, "email") => ("e-mail", "email"),
        (ItemKind::Member, "phone") => ("téléphone", "phone"),
        (_, "town") => ("commune", "town"),
        (ItemKind::Member, "joined") => ("arrivée", "joined"),
        (ItemKind::Member, "left") => ("départ", "left"),
        (ItemKind::Member, "consents") => ("consentements", "consents"),
        (ItemKind::Event | ItemKind::Note, "title") => ("titre", "title"),
        (ItemKind::Event, "start") => ("début", "start"),
        (ItemKind::Event, "end") => ("fin", "end"),
        (ItemKind::Event, "tz") => ("fuseau horaire", "time zone"),
        (ItemKind::Event, "repeat") => ("répétition", "repeat"),
        (_, "venue") => ("lieu", "venue"),
        (_, "address") => ("adresse", "address"),
        (ItemKind::Event, "online") => ("lien en ligne", "online link"),
        (ItemKind::Event, "theme") => ("thème", "theme"),
        (ItemKind::Event, "guests") => ("invité·es", "guests"),
        (ItemKind::Event, "facilitators") => ("animateur·ices", "facilitators"),
        (ItemKind::Event, "capacity") => ("places", "capacity"),
        (ItemKind::Event, "registration") => ("inscription", "registration"),
        (ItemKind::Event, "status") => ("statut", "status"),
        (ItemKind::Event, "reason") => ("motif", "reason"),
        (ItemKind::Event, "exceptions") => {
            ("dates annulées ou déplacées", "cancelled or moved dates")
        }
        (ItemKind::Event, "rsvps") => ("réponses", "answers"),
        (ItemKind::Event, "attendance") => ("présences", "attendance"),
        (ItemKind::Note, "date") => ("date", "date"),
        (ItemKind::Note, "event") | (ItemKind::Note, "occurrence") => ("rencontre", "meeting"),
        (ItemKind::Note, "authors") => ("auteur·ices", "authors"),
        (ItemKind::Note, "sections") => ("texte", "text"),
        (_, "links") => ("liens", "links"),
        (ItemKind::Note, "tags") => ("mots-clés", "tags"),
        (ItemKind::Note, "visibility") => ("visibilité", "visibility"),
        (ItemKind::Profile, "postal_code") => ("code postal", "postal code"),
        (ItemKind::Profile, "country") => ("pays", "country"),
        (ItemKind::Profile, "coordinates") => ("position sur la carte", "map position"),
        (ItemKind::Profile, "description") => ("présentation", "description"),
        (ItemKind::Profile, "how_it_works") => ("fonctionnement", "how it works"),
        (ItemKind::Profile, "correspondents") => ("correspondant·es", "correspondents"),
        _ => return key,
    };
    lang.pick(fr, en)
}

/// Which device wrote a change: this one, its label, or the end of its id.
pub fn device(lang: Lang, entry: &HistoryEntry) -> String {
    match (entry.this_device, &entry.label, &entry.device) {
        (true, _, _) => lang.pick("cet appareil", "this device").to_owned(),
        (false, Some(label), _) => label.clone(),
        (false, None, Some(peer)) => {
            format!("{} {}", lang.pick("appareil", "device"), short_peer(peer))
        }
        (false, None, None) => lang
            .pick("un appareil inconnu", "an unknown device")
            .to_owned(),
    }
}

/// Whether "Restaurer" is offered: a member, event or note deleted and not back since.
pub fn restorable(touched: &Touched) -> bool {
    touched.how == How::Deleted && !touched.present && is_item(touched.kind)
}

/// Whether "Remettre comme avant" is offered: a member, event or note changed, still there.
pub fn undoable(touched: &Touched) -> bool {
    touched.how == How::Changed && touched.present && is_item(touched.kind)
}

fn is_item(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Member | ItemKind::Event | ItemKind::Note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touched(kind: ItemKind, how: How, name: &str, fields: &[&str]) -> Touched {
        Touched {
            kind,
            id: "9f3b2c1d".into(),
            how,
            name: Some(name.into()),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            present: how != How::Deleted,
        }
    }

    #[test]
    fn a_change_in_words() {
        let event = touched(
            ItemKind::Event,
            How::Changed,
            "Bistrot du vendredi",
            &["title", "start"],
        );
        assert_eq!(
            what(Lang::Fr, &event),
            "Rencontre « Bistrot du vendredi » modifiée : titre, début"
        );
        assert_eq!(
            what(Lang::En, &event),
            "Event “Bistrot du vendredi” changed: title, start"
        );
        let member = touched(ItemKind::Member, How::Deleted, "Nadia Lambotte", &[]);
        assert_eq!(
            what(Lang::Fr, &member),
            "Membre « Nadia Lambotte » supprimé"
        );
        let note = touched(ItemKind::Note, How::Added, "Pause-café du 3 mars", &[]);
        assert_eq!(
            what(Lang::Fr, &note),
            "Synthèse « Pause-café du 3 mars » ajoutée"
        );
        let profile = Touched {
            kind: ItemKind::Profile,
            id: String::new(),
            how: How::Changed,
            name: None,
            fields: vec!["venue".into(), "a_new_field".into()],
            present: true,
        };
        assert_eq!(
            what(Lang::Fr, &profile),
            "Profil du groupe modifié : lieu, a_new_field"
        );
        let device = Touched {
            kind: ItemKind::Device,
            id: "12D3KooWabcdefx7Qm2a".into(),
            how: How::Added,
            name: None,
            fields: Vec::new(),
            present: true,
        };
        assert_eq!(
            what(Lang::Fr, &device),
            "Appareil …x7Qm2a admis dans le groupe"
        );
        let removed = Touched {
            how: How::Deleted,
            ..device
        };
        assert_eq!(
            what(Lang::En, &removed),
            "Device …x7Qm2a removed from the group"
        );
    }

    #[test]
    fn restoring_is_offered_for_what_is_gone_and_undoing_for_what_is_there() {
        let deleted = touched(ItemKind::Member, How::Deleted, "Nadia Lambotte", &[]);
        assert!(restorable(&deleted) && !undoable(&deleted));
        let back = Touched {
            present: true,
            ..deleted
        };
        assert!(!restorable(&back));
        let changed = touched(ItemKind::Note, How::Changed, "Synthèse", &["sections"]);
        assert!(undoable(&changed) && !restorable(&changed));
        let profile = Touched {
            kind: ItemKind::Profile,
            ..changed
        };
        assert!(!undoable(&profile));
    }

    #[test]
    fn which_device() {
        let mut entry = HistoryEntry {
            change: "5c1d0e9a".into(),
            at: 0,
            device: Some("12D3KooWabcdefx7Qm2a".into()),
            label: None,
            this_device: false,
            touched: Vec::new(),
        };
        assert_eq!(device(Lang::Fr, &entry), "appareil …x7Qm2a");
        entry.label = Some("Portable d'Élise".into());
        assert_eq!(device(Lang::Fr, &entry), "Portable d'Élise");
        entry.this_device = true;
        assert_eq!(device(Lang::Fr, &entry), "cet appareil");
    }
}
