//! The controls of server-rendered pages: buttons, forms, switches, the row expander, the
//! preview dialog and the copy button. All are one lazy island, `Controls`, so their code is one
//! split point outside the runtime every page fetches: a page that shows none (the template
//! editor) does not fetch it, and a page that shows several fetches it once.
//!
//! Pages use the components below, which read as the controls they draw.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::act::{Act, ActButtonView, ActWords};
use super::act_form::{ActFormView, FormAct, FormWords};
use super::carts_live::{CartsLiveView, CartsWords};
use super::copy_button::{CopyButtonView, CopyWords};
use super::reminder_controls::{StepExpanderView, SwitchTarget, SwitchView, SwitchWords};
use super::reminder_preview::{PreviewButtonView, PreviewWords};
use super::wizard_live::{WizardLiveView, WizardWords};
use crate::api::{sent, SentAct};

/// One control, with its words.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Control {
    Act {
        act: SentAct,
        kind: String,
        words: ActWords,
        class: String,
    },
    Form {
        act: FormAct,
        words: FormWords,
    },
    Switch {
        target: SwitchTarget,
        on: bool,
        words: SwitchWords,
        hint: Option<String>,
    },
    Expander {
        details: String,
        label: String,
    },
    Preview {
        url: String,
        words: PreviewWords,
    },
    Copy {
        text: String,
        words: CopyWords,
    },
    /// The Carts list's selection, bulk actions and countdowns, around its table.
    Carts {
        shop: String,
        words: CartsWords,
    },
    /// The reminder wizard's stages, checks, ranges and SMS counts, around its form.
    Wizard {
        shop: String,
        words: WizardWords,
    },
}

/// The island every control is. `children`: the form a `Control::Form` sends or the table of
/// `Control::Carts` (server HTML), nothing for the others.
#[island(lazy)]
fn Controls(control: Control, children: Children) -> impl IntoView {
    crate::islands::start("controls");
    match control {
        Control::Act {
            act,
            kind,
            words,
            class,
        } => view! { <ActButtonView act kind words class /> }.into_any(),
        Control::Form { act, words } => ActFormView(super::act_form::ActFormViewProps {
            act,
            words,
            children,
        })
        .into_any(),
        Control::Switch {
            target,
            on,
            words,
            hint,
        } => view! { <SwitchView target on words hint /> }.into_any(),
        Control::Expander { details, label } => {
            view! { <StepExpanderView details label /> }.into_any()
        }
        Control::Preview { url, words } => view! { <PreviewButtonView url words /> }.into_any(),
        Control::Copy { text, words } => view! { <CopyButtonView text words /> }.into_any(),
        Control::Carts { shop, words } => CartsLiveView(super::carts_live::CartsLiveViewProps {
            shop,
            words,
            children,
        })
        .into_any(),
        Control::Wizard { shop, words } => {
            WizardLiveView(super::wizard_live::WizardLiveViewProps {
                shop,
                words,
                children,
            })
            .into_any()
        }
    }
}

/// A control without children: the island's children are nothing.
#[allow(clippy::unused_unit)]
fn alone(control: Control) -> impl IntoView {
    view! { <Controls control>{()}</Controls> }
}

/// A button that does `act` (see `ActButtonView`).
#[component]
pub fn ActButton(act: Act, words: ActWords, class: String) -> impl IntoView {
    let kind = act.kind().to_owned();
    match sent(act) {
        Ok(act) => alone(Control::Act {
            act,
            kind,
            words,
            class,
        })
        .into_any(),
        // Only the browser's conversion can fail, and pages are drawn on the server.
        Err(_) => ().into_any(),
    }
}

/// Sends the form among `children` (see `ActFormView`).
#[component]
pub fn ActForm(act: FormAct, words: FormWords, children: Children) -> impl IntoView {
    view! { <Controls control=Control::Form { act, words }>{children()}</Controls> }
}

/// A switch saved as it is flipped (see `SwitchView`).
#[component]
pub fn Switch(
    target: SwitchTarget,
    on: bool,
    words: SwitchWords,
    hint: Option<String>,
) -> impl IntoView {
    alone(Control::Switch {
        target,
        on,
        words,
        hint,
    })
}

/// Opens and closes a step's details row (see `StepExpanderView`).
#[component]
pub fn StepExpander(details: String, label: String) -> impl IntoView {
    alone(Control::Expander { details, label })
}

/// The preview dialog's button (see `PreviewButtonView`).
#[component]
pub fn PreviewButton(url: String, words: PreviewWords) -> impl IntoView {
    alone(Control::Preview { url, words })
}

/// A copy button (see `CopyButtonView`).
#[component]
pub fn CopyButton(text: String, words: CopyWords) -> impl IntoView {
    alone(Control::Copy { text, words })
}

/// The Carts list's bar and table, made live (see `CartsLiveView`).
#[component]
pub fn CartsLive(shop: String, words: CartsWords, children: Children) -> impl IntoView {
    view! { <Controls control=Control::Carts { shop, words }>{children()}</Controls> }
}

/// The reminder wizard's form, made live (see `WizardLiveView`).
#[component]
pub fn WizardLive(shop: String, words: WizardWords, children: Children) -> impl IntoView {
    view! { <Controls control=Control::Wizard { shop, words }>{children()}</Controls> }
}
