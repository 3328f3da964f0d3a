//! Today's date on this computer, from the webview's clock.

use chrono::NaiveDate;

use crate::when;

pub fn today() -> NaiveDate {
    when::local(when::now()).date()
}
