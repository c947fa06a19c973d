//! The code collections page (`/codes`, from the wizard's discount stage): import the shop's
//! own codes as CSV, see how many each collection has left, and delete one no reminder uses.

use leptos::prelude::*;
use leptos_meta::Title;

use super::confirm;
use crate::api::{
    list_code_collections, CodesImported, CollectionDeleted, DeleteCodeCollection, ImportCodes,
};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().codes;
    let import = ServerAction::<ImportCodes>::new();
    let delete = ServerAction::<DeleteCodeCollection>::new();
    let shop = current_shop();
    let collections = Resource::new(
        move || (import.version().get(), delete.version().get()),
        move |_| list_code_collections(shop.clone()),
    );
    let name = RwSignal::new(String::new());
    let codes = RwSignal::new(String::new());
    // The chosen file's text lands in the text area, where it can be read before the import.
    let file = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(text) = file.get() {
            codes.set(text);
        }
    });
    let status = move || match import.value().get() {
        Some(Ok(CodesImported::Imported { count, .. })) => Some(((t().imported)(count), "saved")),
        Some(Ok(CodesImported::Invalid(problems))) => Some((
            problems
                .iter()
                .map(|p| (t().problem)(p))
                .collect::<Vec<_>>()
                .join(" "),
            "error",
        )),
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    let deleted = move || match delete.value().get() {
        Some(Ok(CollectionDeleted::Deleted { name, left })) => {
            Some(((t().deleted)(&name, left), "saved"))
        }
        Some(Ok(CollectionDeleted::InUse { name, rules })) => {
            Some(((t().in_use)(&name, &rules), "error"))
        }
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <p>
            <a href=shop_path("/")>{move || i18n.t().tab_reminders}</a>
        </p>
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match collections.await {
                    Ok(lines) if lines.is_empty() => {
                        view! { <p class="empty">{move || t().none}</p> }.into_any()
                    }
                    Ok(lines) => view! {
                        <table class="runs" id="collections">
                            <thead>
                                <tr>
                                    <th>{move || t().col_name}</th>
                                    <th class="number">{move || t().col_total}</th>
                                    <th class="number">{move || t().col_left}</th>
                                    <th>{move || t().col_imported}</th>
                                    <th>{move || t().col_actions}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines
                                    .into_iter()
                                    .map(|line| {
                                        let at = line.created_at;
                                        let id = StoredValue::new(line.id.clone());
                                        let name = StoredValue::new(line.name.clone());
                                        view! {
                                            <tr data-collection=line.id>
                                                <th scope="row">{line.name}</th>
                                                <td class="number">{line.total}</td>
                                                <td class="number">{line.left}</td>
                                                <td>{move || i18n.date_time(at)}</td>
                                                <td>
                                                    <button type="button" class="danger"
                                                        on:click=move |_| {
                                                            if confirm(&(t().confirm_delete)(&name.get_value())) {
                                                                delete.dispatch(DeleteCodeCollection {
                                                                    shop: current_shop(),
                                                                    id: id.get_value(),
                                                                });
                                                            }
                                                        }>
                                                        {move || t().delete}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                    Err(error) => {
                        view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                    }
                }
            })}
        </Transition>
        {move || deleted().map(|(text, tone)| view! {
            <p class=format!("save-status {tone}") role="status" id="collection-deleted">{text}</p>
        })}
        <h2>{move || t().import}</h2>
        <form on:submit=move |ev| {
            ev.prevent_default();
            import.dispatch(ImportCodes {
                shop: current_shop(),
                name: name.get_untracked(),
                codes: codes.get_untracked(),
            });
        }>
            <div class="field">
                <label for="codes-name">{move || t().col_name}</label>
                <input id="codes-name" type="text" maxlength="100" prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="codes-file">{move || t().file}</label>
                <input id="codes-file" type="file" accept=".csv,.txt,text/csv,text/plain"
                    on:change=move |ev| read_file(ev, file) />
            </div>
            <div class="field">
                <label for="codes-text">{move || t().paste}</label>
                <textarea id="codes-text" rows="6" prop:value=codes
                    on:input=move |ev| codes.set(event_target_value(&ev))></textarea>
                <small class="hint">{move || t().format}</small>
            </div>
            <button type="submit">{move || t().import}</button>
        </form>
        {move || status().map(|(text, tone)| view! {
            <p class=format!("save-status {tone}") role="status">{text}</p>
        })}
    }
}

/// Reads the chosen file's text into `document` (the browser only).
fn read_file(ev: leptos::ev::Event, document: RwSignal<Option<String>>) {
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
