//! The right side of the editor: the draft rendered live with a sample cart, by the same
//! function that renders the emails the server sends.

use chrono::{DateTime, Utc};
use domain::email::{render, RenderContext, SampleDiscount};
use domain::{Language, TemplateDraft};
use leptos::prelude::*;

use super::preview::{Preview, Rendered, Width};
use super::state::EditorState;
use super::test_email::TestEmail;
use crate::api::{load_preview_sample, SampleCart, DEMO_SAMPLE};
use crate::i18n::use_i18n;

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        window().performance().map(|p| p.now()).unwrap_or(0.0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// The sample and discount pickers, the live preview and the test email form.
#[component]
pub fn SamplePreview(
    state: EditorState,
    template_id: String,
    /// The sample the server built for the first render, in the language opened.
    sample: RenderContext,
    samples: Vec<SampleCart>,
    /// The sample discount's clock.
    now: DateTime<Utc>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let width = RwSignal::new(Width::Desktop);
    let sample_id = RwSignal::new(DEMO_SAMPLE.to_owned());
    let discount = RwSignal::new(SampleDiscount::Percent);

    // The sample cart follows the chosen cart and the language being edited.
    let context = RwSignal::new(sample);
    let shop = crate::shop::current_shop();
    let fetch_sample = Action::new(move |(sample, language): &(String, Language)| {
        load_preview_sample(shop.clone(), sample.clone(), *language)
    });
    Effect::watch(
        move || (sample_id.get(), state.language.get()),
        move |(sample, language), _, _| {
            fetch_sample.dispatch((sample.clone(), *language));
        },
        false,
    );
    Effect::new(move |_| {
        if let Some(Ok(sample)) = fetch_sample.value().get() {
            context.set(sample);
        }
    });

    let rendered = Memo::new(move |_| {
        let template = state.draft.with(TemplateDraft::preview);
        let mut sample = context.get();
        sample.customer.language = state.language.get();
        sample.discount = discount.get().offer(now);
        let started = now_ms();
        let email = render(&template, &sample).map_err(|e| e.to_string());
        let micros = ((now_ms() - started) * 1000.0).max(0.0) as u64;
        Rendered { email, micros }
    });

    let samples = StoredValue::new(samples);
    let preview_href = move || {
        crate::shop::shop_path(&format!(
            "/templates/{template_id}/preview?sample={}&lang={}&discount={}",
            sample_id.get(),
            state.language.get().code(),
            discount.get().as_str()
        ))
    };
    view! {
        <section class="editor-preview" aria-label=move || t().preview_title>
            <div class="preview-options">
                <label>
                    <span>{move || t().sample_label}</span>
                    <select
                        name="sample"
                        on:change=move |ev| sample_id.set(event_target_value(&ev))
                        prop:value=move || sample_id.get()
                    >
                        <option value=DEMO_SAMPLE>{move || t().sample_demo}</option>
                        {samples
                            .get_value()
                            .into_iter()
                            .map(|s| view! { <option value=s.id.clone()>{s.label.clone()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || t().sample_discount_label}</span>
                    <select
                        name="sample-discount"
                        on:change=move |ev| {
                            if let Some(d) = SampleDiscount::parse(&event_target_value(&ev)) {
                                discount.set(d);
                            }
                        }
                        prop:value=move || discount.get().as_str()
                    >
                        {SampleDiscount::ALL
                            .into_iter()
                            .map(|d| view! { <option value=d.as_str()>{move || (t().sample_discount)(d)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <a href=preview_href target="_blank" rel="noopener">{move || t().open_saved}</a>
            </div>
            <Preview rendered width />
            <TestEmail state sample_id discount />
        </section>
    }
    .into_any()
}
