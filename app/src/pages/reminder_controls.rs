//! The Reminders page's controls: the switches (a step's, the campaign's discount escalation)
//! and the expander that opens a step's details. Their words come as props.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{perform_act, sent, Act, ActDone};
use crate::error::AppError;
use crate::shop::current_shop;

/// What a switch turns on and off, in the current shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SwitchTarget {
    /// A step of the campaign.
    Step { id: String },
    /// The discount escalation of a rule's campaign.
    Escalation { rule: String },
}

impl SwitchTarget {
    async fn save(self, on: bool) -> Result<ActDone, AppError> {
        let act = match self {
            Self::Step { id } => Act::SwitchStep { id, on },
            Self::Escalation { rule } => Act::SwitchEscalation { rule, on },
        };
        perform_act(current_shop(), sent(act)?).await
    }
}

/// A switch's words, in the page's language: its name, and the text beside it when on and off
/// (the same for a switch whose text is its name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitchWords {
    pub label: String,
    pub on: String,
    pub off: String,
}

/// A switch saved as it is flipped; a refused save puts it back. `hint`: the id of the text
/// that explains it.
#[component]
pub fn SwitchView(
    target: SwitchTarget,
    on: bool,
    words: SwitchWords,
    hint: Option<String>,
) -> impl IntoView {
    let enabled = RwSignal::new(on);
    let name = match &target {
        SwitchTarget::Step { .. } => "enabled",
        SwitchTarget::Escalation { .. } => "escalation",
    };
    // A step's text says its state, as a pill.
    let pill = matches!(target, SwitchTarget::Step { .. });
    let SwitchWords {
        label,
        on: on_word,
        off: off_word,
    } = words;
    view! {
        <label class="switch">
            <input
                type="checkbox"
                role="switch"
                name=name
                aria-label=label
                aria-describedby=hint
                checked=on
                prop:checked=move || enabled.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    enabled.set(on);
                    let target = target.clone();
                    leptos::task::spawn_local(async move {
                        // Refused: the switch goes back.
                        if target.save(on).await.is_err() {
                            enabled.set(!on);
                        }
                    });
                }
            />
            <span class=move || match (pill, enabled.get()) {
                (false, _) => "",
                (true, true) => "pill on",
                (true, false) => "pill off",
            }>{move || if enabled.get() { on_word.clone() } else { off_word.clone() }}</span>
        </label>
    }
}

/// Opens and closes a step's details row (`details`, its id), from this button or a click
/// anywhere on the step's row but its switch, buttons and links, which act on their own.
#[component]
pub fn StepExpanderView(details: String, label: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(button) = button.get() {
            browser::listen_on_row(&button, open);
        }
    });
    let shown = details.clone();
    Effect::new(move |opened: Option<()>| {
        let open = open.get();
        // The server drew the row closed.
        if opened.is_some() || open {
            #[cfg(feature = "hydrate")]
            browser::show(&shown, open);
            #[cfg(not(feature = "hydrate"))]
            let _ = &shown;
        }
    });
    view! {
        <button
            type="button"
            class="expand"
            node_ref=button
            aria-expanded=move || open.get().to_string()
            aria-controls=details
        >
            {label}
        </button>
    }
}

/// The expander's hold on the server-drawn rows around it.
#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};

    pub fn listen_on_row(button: &web_sys::Element, open: RwSignal<bool>) {
        let Some(row) = button.closest("tr").ok().flatten() else {
            return;
        };
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                let on_controls = ev
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .and_then(|element| element.closest(".status, .actions").ok().flatten())
                    .is_some();
                if !on_controls {
                    open.update(|open| *open = !*open);
                }
            });
        let _ = row.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        // The row lives as long as the page.
        on_click.forget();
    }

    /// Shows or hides the details row, and loads its thumbnail the first time.
    pub fn show(details: &str, open: bool) {
        let Some(row) = document().get_element_by_id(details) else {
            return;
        };
        if !open {
            let _ = row.set_attribute("hidden", "");
            return;
        }
        let _ = row.remove_attribute("hidden");
        let Ok(Some(slot)) = row.query_selector("div.thumb[data-src]") else {
            return;
        };
        let Ok(frame) = document().create_element("iframe") else {
            return;
        };
        let title = slot.get_attribute("data-title").unwrap_or_default();
        let src = slot.get_attribute("data-src").unwrap_or_default();
        for (name, value) in [
            ("class", "thumb"),
            ("sandbox", ""),
            ("tabindex", "-1"),
            ("title", title.as_str()),
            ("src", src.as_str()),
        ] {
            let _ = frame.set_attribute(name, value);
        }
        let _ = slot.replace_with_with_node_1(&frame);
    }
}
