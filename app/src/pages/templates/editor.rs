//! The template editor: the form on the left, the live preview on the right, the save bar
//! above them. The server draws it whole, with the saved texts and the first preview, so it
//! reads right before any WASM arrives. One lazy island, `TemplateStudio`, then makes it live:
//! it keeps the draft, renders the preview with the domain's renderer as the merchant types,
//! and saves (`studio`). The reminder wizard shows this page in a frame (`?embedded`).

use leptos::prelude::*;
use leptos_meta::Title;

use super::editor_form::EditorForm;
use super::editor_preview::PreviewPane;
use super::model::StudioSetup;
use crate::api::{load_template_editor, TemplateEditorData};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::shop::{current_shop, shop_path};

/// `/templates/:id`.
#[component]
pub fn TemplateEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().templates;
    let params = crate::nav::use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    // Inside the reminder wizard's frame: the editor alone, its name a second-level heading.
    let embedded = crate::nav::use_query_map().with_untracked(|q| q.get("embedded").is_some());
    let shop = current_shop();
    let data = Loaded::new(
        || (),
        move |_| load_template_editor(shop.clone(), id.clone()),
    );
    view! {
        {(!embedded).then(|| view! {
            <p>
                <a href=shop_path("/templates")>{t.back}</a>
            </p>
        })}
        {move || Suspend::new(async move {
            match data.await {
                Ok(data) => {
                    let setup = StudioSetup::new(current_shop(), &data);
                    let title = format!("{} · {}", data.draft.name, t.title);
                    view! {
                        <Title text=crate::title::page_title(move || title.clone()) />
                        <TemplateStudio setup>
                            <EditorBody data embedded />
                        </TemplateStudio>
                    }
                        .into_any()
                }
                Err(error) => super::super::load_error(error, |t| t.not_found_text),
            }
        })}
    }
    .into_any()
}

/// The island that makes the server's editor live: its children stay server HTML.
#[island(lazy)]
fn TemplateStudio(setup: StudioSetup, children: Children) -> impl IntoView {
    crate::islands::start("template_studio");
    view! { <Studio setup>{children()}</Studio> }
}

/// The editor's element, which its events reach; live in the browser only.
#[component]
fn Studio(setup: StudioSetup, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        super::studio::wired(setup, children)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = setup;
        view! { <div class="studio">{children()}</div> }.into_any()
    }
}

/// Everything the editor shows, drawn from the saved template.
#[component]
fn EditorBody(data: TemplateEditorData, embedded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().templates;
    let name = data.draft.name.clone();
    let heading = if embedded {
        view! { <h2 data-name="">{name}</h2> }.into_any()
    } else {
        view! { <h1 data-name="">{name}</h1> }.into_any()
    };
    let used_by = if data.used_by.is_empty() {
        t.not_used.to_owned()
    } else {
        format!("{} {}", t.used_by, data.used_by.join(", "))
    };
    let now = super::model::sample_clock(data.now.timestamp())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    view! {
        <div class="editor-head">
            {heading}
            <p class="used-by">
                <span>{used_by}</span>
            </p>
            <div class="save-bar">
                <span class="save-status" role="status"></span>
                <button type="button" class="primary" data-do="save">
                    {t.save}
                </button>
            </div>
        </div>
        <div class="error problems" role="alert" hidden>
            <p>{t.fix_problems}</p>
            <ul></ul>
        </div>
        // The sample discount's clock, so a test can ask the server for the very same email.
        <div class="editor" data-sample-now=now>
            <EditorForm data=data.clone() />
            <PreviewPane data />
        </div>
    }
}
