//! What the app's unit tests share: a Belgian bistrot to create (an invented group).

use comptoir_model::GroupKind;

use crate::NewGroup;

/// A *Bistrot du Social* in Belgium, with only a name and maybe a town.
pub(crate) fn bistrot(name: &str, town: Option<&str>) -> NewGroup {
    NewGroup {
        name: name.into(),
        kind: GroupKind::Bistrot,
        town: town.map(Into::into),
        postal_code: None,
        country: Some("BE".into()),
        venue: None,
        address: None,
        coordinates: None,
        description: None,
    }
}
