//! A group's history and a restored item, as the Historique tab shows them.

use comptoir_app::model::history::{How as DomainHow, Kind, Touched as DomainTouched};
use comptoir_app::{HistoryEntry as DomainEntry, Restored as DomainRestored};
use comptoir_ipc::{HistoryEntry, How, ItemKind, Restored, Touched};

/// One change; `me` is this device's peer id.
pub fn history_entry(entry: DomainEntry, me: &str) -> HistoryEntry {
    HistoryEntry {
        this_device: entry.device.as_deref() == Some(me),
        change: entry.change,
        at: entry.at,
        device: entry.device,
        label: entry.label,
        touched: entry.touched.into_iter().map(touched).collect(),
    }
}

pub fn restored(restored: DomainRestored) -> Restored {
    Restored {
        kind: kind(restored.kind),
        id: restored.id,
        name: restored.name,
    }
}

fn touched(t: DomainTouched) -> Touched {
    Touched {
        kind: kind(t.kind),
        id: t.id,
        how: match t.how {
            DomainHow::Added => How::Added,
            DomainHow::Changed => How::Changed,
            DomainHow::Deleted => How::Deleted,
        },
        name: t.name,
        fields: t.fields,
        present: t.present,
    }
}

fn kind(kind: Kind) -> ItemKind {
    match kind {
        Kind::Profile => ItemKind::Profile,
        Kind::Member => ItemKind::Member,
        Kind::Event => ItemKind::Event,
        Kind::Note => ItemKind::Note,
        Kind::Device => ItemKind::Device,
    }
}
