//! The one error type of the export crate.

use comptoir_model::ModelError;
use thiserror::Error;

/// Why an export could not be produced. Nothing is written anywhere when it fails.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The model refuses an event's data (an unknown zone, an invalid rule), e.g. one written by
    /// a newer or broken Comptoir on another device. The facilitator can fix or delete the event.
    #[error("the event {title:?} ({id}) cannot be exported: {source}")]
    Event {
        id: String,
        title: String,
        #[source]
        source: Box<ModelError>,
    },
    /// Writing the CSV failed.
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// Writing the JSON failed.
    #[error("could not write the JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Formatting the calendar failed.
    #[error("could not write the calendar")]
    Calendar(#[from] std::fmt::Error),
}
