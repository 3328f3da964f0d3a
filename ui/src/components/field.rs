//! Labelled form controls: every control has a visible label that names it for screen readers
//! too (the control sits inside its `<label>`).

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A callback that updates one field of a form's draft.
pub fn bind<T: Clone + 'static>(
    draft: &UseStateHandle<T>,
    apply: impl Fn(&mut T, String) + 'static,
) -> Callback<String> {
    let draft = draft.clone();
    Callback::from(move |value: String| {
        let mut next = (*draft).clone();
        apply(&mut next, value);
        draft.set(next);
    })
}

fn value_of<E: JsCast>(event: &Event, read: impl Fn(&E) -> String) -> Option<String> {
    event
        .target()
        .and_then(|t| t.dyn_into::<E>().ok())
        .map(|e| read(&e))
}

#[derive(Debug, Properties, PartialEq)]
pub struct TextFieldProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// The input's type: `text`, `date`, `time`, `email`, `tel`, `url`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A line of help under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = props.oninput.reform(|e: InputEvent| {
        value_of::<HtmlInputElement>(&e, HtmlInputElement::value).unwrap_or_default()
    });
    html! {
        <label class="field">
            <span class="label">{ props.label.clone() }{ required_mark(props.required) }</span>
            <input type={props.kind.clone()} value={props.value.clone()} {oninput}
                required={props.required} placeholder={props.placeholder.clone()} />
            { hint(&props.hint) }
        </label>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct SelectFieldProps {
    pub label: AttrValue,
    /// (value, label) pairs, in order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = props.onchange.reform(|e: Event| {
        value_of::<HtmlSelectElement>(&e, HtmlSelectElement::value).unwrap_or_default()
    });
    html! {
        <label class="field">
            <span class="label">{ props.label.clone() }</span>
            <select {onchange}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
                }) }
            </select>
            { hint(&props.hint) }
        </label>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TextAreaProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// Called with the whole text when the person leaves the field.
    #[prop_or_default]
    pub onchange: Option<Callback<String>>,
    #[prop_or(4)]
    pub rows: u32,
}

#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let read = |e: &Event| {
        value_of::<HtmlTextAreaElement>(e, HtmlTextAreaElement::value).unwrap_or_default()
    };
    let oninput = props.oninput.reform(move |e: InputEvent| read(&e));
    let onchange = props
        .onchange
        .as_ref()
        .map(|callback| callback.reform(move |e: Event| read(&e)));
    html! {
        <label class="field">
            <span class="label">{ props.label.clone() }</span>
            <textarea rows={props.rows.to_string()} value={props.value.clone()} {oninput} {onchange} />
        </label>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct CheckFieldProps {
    pub label: AttrValue,
    pub checked: bool,
    pub ontoggle: Callback<bool>,
}

#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let onchange = props.ontoggle.reform(|e: Event| {
        e.target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.checked())
    });
    html! {
        <label class="check">
            <input type="checkbox" checked={props.checked} {onchange} />
            <span>{ props.label.clone() }</span>
        </label>
    }
}

fn required_mark(required: bool) -> Html {
    if required {
        html! { <span class="required" aria-hidden="true">{ " *" }</span> }
    } else {
        Html::default()
    }
}

fn hint(hint: &Option<AttrValue>) -> Html {
    match hint {
        Some(text) => html! { <span class="hint">{ text.clone() }</span> },
        None => Html::default(),
    }
}
