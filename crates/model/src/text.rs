//! The one place where text a person typed is tidied before it is stored: trimmed, a blank
//! field meaning "not given", codes written the one way they are stored.
//!
//! The model calls these on every input; the edges (the CLI, the desktop shell) call them too
//! when they must know, before asking the model, whether a field was given at all.

use crate::{ModelError, Result};

/// A field that may be left blank: trimmed, and `None` when nothing is left.
///
/// ```
/// use comptoir_model::text::given;
///
/// assert_eq!(given("  Jupille "), Some("Jupille".to_string()));
/// assert_eq!(given(" \t"), None);
/// ```
pub fn given(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// [`given`] for a field that may be absent already.
pub fn optional(value: Option<String>) -> Option<String> {
    value.as_deref().and_then(given)
}

/// A field that must be filled in: trimmed, and refused when blank.
pub fn required(field: &'static str, value: &str) -> Result<String> {
    given(value).ok_or(ModelError::EmptyField { field })
}

/// A list typed one entry at a time (links, guests, tags): each entry trimmed, blank ones
/// dropped, the order kept.
pub fn entries(values: impl IntoIterator<Item = String>) -> Vec<String> {
    values.into_iter().filter_map(|v| given(&v)).collect()
}

/// An ISO 3166 alpha-2 country code, as stored: two letters, upper case (`be` → `BE`).
pub fn country_code(value: &str) -> Result<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ModelError::InvalidCountry(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_not_given_and_the_rest_is_trimmed() {
        assert_eq!(
            given(" Café de la Gare\n").as_deref(),
            Some("Café de la Gare")
        );
        assert_eq!(given(""), None);
        assert_eq!(optional(Some("\u{a0} ".into())), None);
        assert_eq!(optional(None), None);
        assert_eq!(optional(Some(" 6000".into())).as_deref(), Some("6000"));
    }

    #[test]
    fn a_required_field_names_itself_when_blank() {
        assert_eq!(
            required("title", " Bistrot ").ok().as_deref(),
            Some("Bistrot")
        );
        assert!(matches!(
            required("title", "  "),
            Err(ModelError::EmptyField { field: "title" })
        ));
    }

    #[test]
    fn lists_keep_their_order_without_blanks() {
        let typed = [" https://example.org/a", "", "  ", "https://example.org/b "];
        assert_eq!(
            entries(typed.map(String::from)),
            ["https://example.org/a", "https://example.org/b"]
        );
    }

    #[test]
    fn country_codes_are_two_upper_case_letters() {
        assert_eq!(country_code(" be ").ok().as_deref(), Some("BE"));
        assert_eq!(country_code("Fr").ok().as_deref(), Some("FR"));
        for bad in ["Belgique", "B", "B3", "", "ÉS"] {
            assert!(
                matches!(country_code(bad), Err(ModelError::InvalidCountry(_))),
                "{bad}"
            );
        }
    }
}
