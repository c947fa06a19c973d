//! The live preview: the email in an `<iframe srcdoc>`, so its CSS and the admin's never mix,
//! sandboxed so nothing in it can run.

use domain::email::RenderedEmail;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Desktop,
    Tablet,
    Mobile,
}

impl Width {
    pub const ALL: [Width; 3] = [Width::Desktop, Width::Tablet, Width::Mobile];

    /// The iframe's width in CSS pixels; the desktop view fills the pane.
    pub fn css(self) -> &'static str {
        match self {
            Self::Desktop => "100%",
            Self::Tablet => "768px",
            Self::Mobile => "375px",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Desktop => "desktop",
            Self::Tablet => "tablet",
            Self::Mobile => "mobile",
        }
    }
}

/// The rendered email and how long the render took (microseconds, measured in the browser).
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub email: Result<RenderedEmail, String>,
    pub micros: u64,
}

#[component]
pub fn Preview(rendered: Memo<Rendered>, width: RwSignal<Width>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let html = move || {
        rendered.with(|r| match &r.email {
            Ok(email) => email.html.clone(),
            Err(_) => String::new(),
        })
    };
    let subject = move || {
        rendered.with(|r| {
            r.email
                .as_ref()
                .map(|e| e.subject.clone())
                .unwrap_or_default()
        })
    };
    let error = move || rendered.with(|r| r.email.as_ref().err().cloned());
    view! {
        <div class="preview-toolbar" role="group" aria-label=move || t().width_label>
            {Width::ALL
                .into_iter()
                .map(|option| {
                    let label = move || match option {
                        Width::Desktop => t().desktop,
                        Width::Tablet => t().tablet,
                        Width::Mobile => t().mobile,
                    };
                    view! {
                        <button
                            type="button"
                            data-width=option.key()
                            aria-pressed=move || (width.get() == option).to_string()
                            on:click=move |_| width.set(option)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <p class="preview-subject">
            <span>{move || t().subject_prefix}</span>
            " "
            <strong data-testid="preview-subject">{subject}</strong>
        </p>
        {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
        <div
            class="preview-frame"
            data-render-us=move || rendered.with(|r| r.micros.to_string())
        >
            <iframe
                title=move || t().preview_title
                sandbox=""
                srcdoc=html
                style:width=move || width.get().css()
            ></iframe>
        </div>
    }
    .into_any()
}
