//! Groups for the sync benchmarks, made with the model calls the app makes: an agenda of
//! one-off meetings (titles, venues, addresses, themes; one in forty cancelled), and an access
//! list naming the devices that may sync it.

use chrono::{Days, NaiveDate, NaiveTime};
use comptoir_model::{
    ActorId, Date, DeviceRole, EventId, EventKind, GroupDoc, GroupId, GroupKind, LocalDateTime,
    NewEvent, Profile,
};

const VENUES: [(&str, &str); 4] = [
    ("Café de la Place", "Place communale 1, 5500 Falmignoul"),
    ("Maison de quartier", "Rue des Écoles 14, 5500 Dinant"),
    ("Salle paroissiale", "Rue de l'Église 3, 5503 Sorinnes"),
    ("Bibliothèque communale", "Rue Grande 112, 5500 Dinant"),
];

const THEMES: [&str; 5] = [
    "Le temps de parole",
    "Aller vers les habitants",
    "Le secret professionnel partagé",
    "Travailler en réseau",
    "Prendre soin de soi",
];

const KINDS: [EventKind; 3] = [
    EventKind::Bistrot,
    EventKind::WorkingGroup,
    EventKind::Training,
];

/// The day the first meeting of every fixture group takes place.
pub fn first_day() -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(2012, 9, 6).ok_or_else(|| anyhow::anyhow!("date"))
}

/// A group named after `seed` with `events` meetings, one every other day, and an access list
/// naming `devices` (the first one added them all). Returns the document and its events' ids.
pub fn agenda_group(
    seed: u16,
    events: u32,
    devices: &[String],
) -> anyhow::Result<(GroupDoc, Vec<EventId>)> {
    let [hi, lo] = seed.to_be_bytes();
    let mut profile = Profile::new(&format!("Bistrot du Social n°{seed}"), GroupKind::Bistrot)?;
    profile.country = Some("BE".into());
    profile.town = Some("Dinant".into());
    let mut id = [lo; 16];
    id[0] = hi;
    let mut actor = vec![lo; 16];
    actor[0] = hi;
    actor[1] = 0xbe;
    let mut doc = GroupDoc::create(GroupId::from_random(id), profile, ActorId::from(actor))?;

    let first = first_day()?;
    let seven = NaiveTime::from_hms_opt(19, 0, 0).ok_or_else(|| anyhow::anyhow!("time"))?;
    let mut ids = Vec::with_capacity(events as usize);
    for n in 0..events {
        let day = first
            .checked_add_days(Days::new(u64::from(n) * 2))
            .ok_or_else(|| anyhow::anyhow!("date out of range"))?;
        let (venue, address) = VENUES[n as usize % VENUES.len()];
        let new = NewEvent {
            title: format!("Rencontre n°{n} du Bistrot du Social"),
            kind: KINDS[n as usize % KINDS.len()],
            start: LocalDateTime(day.and_time(seven)),
            end: Some(LocalDateTime(
                day.and_time(seven) + chrono::Duration::hours(2),
            )),
            tz: Some("Europe/Brussels".into()),
            repeat: None,
            venue: Some(venue.into()),
            address: Some(address.into()),
            online: None,
            theme: Some(THEMES[n as usize % THEMES.len()].into()),
            guests: Vec::new(),
            capacity: Some(25),
            registration: None,
        };
        let id = EventId::from_random(event_id(seed, n));
        doc.add_event(id.clone(), new)?;
        if n % 40 == 39 {
            doc.update_event(&id, |e| {
                e.cancel(None, Some("annulé : salle indisponible".into()))
            })?;
        }
        ids.push(id);
    }

    let today = Date(first);
    if let Some(owner) = devices.first() {
        for device in devices {
            doc.grant_device(device, DeviceRole::Facilitator, None, owner, today)?;
        }
    }
    Ok((doc, ids))
}

fn event_id(seed: u16, n: u32) -> [u8; 6] {
    let [s0, s1] = seed.to_be_bytes();
    let [a, b, c, d] = n.to_be_bytes();
    [s0, s1, a, b, c, d]
}
