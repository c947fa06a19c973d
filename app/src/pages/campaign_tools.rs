//! The Reminders tab's campaign tools: pause or resume the whole campaign, download it, and
//! import one exported from another shop (its reminders arrive switched off).

use leptos::prelude::*;

use crate::api::{ImportCampaign, ImportOutcome, SetCampaignPaused};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CampaignTools(
    /// The rule the page shows: pausing acts on it.
    rule: String,
    paused: bool,
    pause: ServerAction<SetCampaignPaused>,
    import: ServerAction<ImportCampaign>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().campaign_io;
    let rule_id = rule.clone();
    let import_rule = rule.clone();
    let document = RwSignal::new(None::<String>);
    let outcome = move || match import.value().get() {
        Some(Ok(ImportOutcome::Imported {
            steps,
            templates,
            review,
        })) => Some((
            (t().imported)(steps, templates),
            review
                .iter()
                .map(|note| (t().review)(note))
                .collect::<Vec<_>>(),
            "saved",
        )),
        Some(Ok(ImportOutcome::Invalid { problems })) => Some((
            t().not_imported.to_owned(),
            problems.iter().map(|p| (t().problem)(p)).collect(),
            "error",
        )),
        Some(Err(error)) => Some((error.to_string(), Vec::new(), "error")),
        None => None,
    };
    view! {
        <section class="campaign-tools" aria-label=move || t().title>
            {paused
                .then(|| {
                    view! {
                        <p class="notice paused" role="status">{move || t().paused_notice}</p>
                    }
                })}
            <button
                type="button"
                class="secondary"
                data-pause=if paused { "resume" } else { "pause" }
                disabled=move || pause.pending().get()
                on:click=move |_| {
                    pause.dispatch(SetCampaignPaused {
                        shop: current_shop(),
                        rule: rule.clone(),
                        paused: !paused,
                    });
                }
            >
                {move || if paused { t().resume } else { t().pause }}
            </button>
            <a
                class="button secondary"
                href=shop_path(&format!("/campaign.json?rule={rule_id}"))
                download=""
            >
                {move || t().export}
            </a>
            <label class="import-file">
                <span>{move || t().import_label}</span>
                <input
                    type="file"
                    accept="application/json,.json"
                    on:change=move |ev| read_file(ev, document)
                />
            </label>
            <button
                type="button"
                disabled=move || document.with(Option::is_none) || import.pending().get()
                on:click=move |_| {
                    if let Some(text) = document.get_untracked() {
                        if crate::pages::confirm(t().confirm_import) {
                            import.dispatch(ImportCampaign {
                                shop: current_shop(),
                                rule: import_rule.clone(),
                                document: text,
                            });
                        }
                    }
                }
            >
                {move || t().import}
            </button>
            {move || {
                outcome()
                    .map(|(headline, lines, tone)| {
                        view! {
                            <div class=format!("import-outcome {tone}") role="status">
                                <p>{headline}</p>
                                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })
            }}
            {move || {
                pause
                    .value()
                    .get()
                    .and_then(Result::err)
                    .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
            }}
        </section>
    }
}

/// Reads the chosen file's text into `document` (the browser only).
pub(crate) fn read_file(ev: leptos::ev::Event, document: RwSignal<Option<String>>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let Some(input) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            document.set(None);
            return;
        };
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let done = reader.clone();
        let onload = Closure::once(move |_: web_sys::ProgressEvent| {
            document.set(done.result().ok().and_then(|text| text.as_string()));
        });
        reader.set_onload(Some(onload.as_ref().unchecked_ref()));
        onload.forget();
        let _ = reader.read_as_text(&file);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, document);
    }
}
