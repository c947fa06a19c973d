//! The Reminders tab's campaign tools: pause or resume the whole campaign, download it, and
//! import one exported from another shop (its reminders arrive switched off).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{ImportCampaign, ImportReport};
use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActButton, ActWords};
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CampaignTools(
    /// The rule the page shows: pausing acts on it.
    rule: String,
    paused: bool,
) -> impl IntoView {
    let t = use_i18n().t().campaign_io;
    let pause = ActWords {
        label: if paused { t.resume } else { t.pause }.to_owned(),
        confirm: None,
        refused: String::new(),
        done: None,
        busy: None,
    };
    view! {
        <section class="campaign-tools" aria-label=t.title>
            {paused.then(|| view! { <p class="notice paused" role="status">{t.paused_notice}</p> })}
            <ActButton
                act=Act::PauseRule { rule: rule.clone(), paused: !paused }
                words=pause
                class="secondary".to_owned()
            />
            <a
                class="button secondary"
                href=shop_path(&format!("/campaign.json?rule={rule}"))
                download=""
            >
                {t.export}
            </a>
            <ImportBox
                rule
                words=ImportWords {
                    file: t.import_label.to_owned(),
                    import: t.import.to_owned(),
                    confirm: t.confirm_import.to_owned(),
                }
            />
        </section>
    }
}

/// The import box's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportWords {
    pub file: String,
    pub import: String,
    pub confirm: String,
}

/// Where an import's report waits while the page loads again to show the imported reminders.
const REPORT_KEY: &str = "relance-import-report";

/// Reads a campaign file and imports it once confirmed. The server says how it went in the
/// admin's language; a done import loads the page again, which then shows that report.
#[island]
fn ImportBox(rule: String, words: ImportWords) -> impl IntoView {
    crate::islands::start(None);
    let document = RwSignal::new(None::<String>);
    let import = ServerAction::<ImportCampaign>::new();
    let report = RwSignal::new(None::<Result<ImportReport, String>>);
    // The report of the import that loaded this page, if it did.
    Effect::new(move |_| {
        if let Some(kept) = crate::nav::take_kept(REPORT_KEY) {
            if let Ok(kept) = serde_json::from_str::<ImportReport>(&kept) {
                report.set(Some(Ok(kept)));
            }
        }
    });
    Effect::new(move |_| match import.value().get() {
        Some(Ok(done)) if done.imported => {
            if let Ok(text) = serde_json::to_string(&done) {
                crate::nav::keep(REPORT_KEY, &text);
            }
            crate::nav::reload();
        }
        Some(result) => report.set(Some(result.map_err(|error| error.to_string()))),
        None => {}
    });
    let ImportWords {
        file,
        import: button,
        confirm,
    } = words;
    view! {
        <label class="import-file">
            <span>{file}</span>
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
                    if crate::pages::confirm(&confirm) {
                        import.dispatch(ImportCampaign {
                            shop: current_shop(),
                            rule: rule.clone(),
                            document: text,
                        });
                    }
                }
            }
        >
            {button}
        </button>
        {move || {
            report
                .get()
                .map(|report| {
                    let (headline, lines, tone) = match report {
                        Ok(report) => {
                            let tone = if report.imported { "saved" } else { "error" };
                            (report.headline, report.lines, tone)
                        }
                        Err(error) => (error, Vec::new(), "error"),
                    };
                    view! {
                        <div class=format!("import-outcome {tone}") role="status">
                            <p>{headline}</p>
                            <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                        </div>
                    }
                })
        }}
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
