use crate::nav::use_navigate;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    list_templates, CreateTemplate, DeleteTemplate, DuplicateTemplate, TemplateSummary,
};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::{current_shop, shop_path};

/// Every template of the shop, with create, duplicate and delete.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTemplate>::new();
    let duplicate = ServerAction::<DuplicateTemplate>::new();
    let delete = ServerAction::<DeleteTemplate>::new();
    let shop = current_shop();
    let templates = Resource::new(
        move || (duplicate.version().get(), delete.version().get()),
        move |_| list_templates(shop.clone()),
    );
    // A new template opens in the editor at once.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&shop_path(&format!("/templates/{id}")), Default::default());
        }
    });
    let error = move || {
        [
            create.value().get().and_then(Result::err),
            duplicate.value().get().and_then(Result::err),
            delete.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| match e {
            AppError::Invalid(message) => message,
            _ => i18n.t().templates.failed.to_owned(),
        })
    };

    view! {
        <Title text=crate::title::page_title(move || i18n.t().templates.title) />
        <h1>{move || i18n.t().templates.title}</h1>
        <p class="intro">{move || i18n.t().templates.intro}</p>
        <ActionForm action=create attr:class="create-template">
            <input type="hidden" name="shop" value=current_shop() />
            <label for="new-template-name">{move || i18n.t().templates.new_name_label}</label>
            <input
                id="new-template-name"
                name="name"
                required
                maxlength="100"
                placeholder=move || i18n.t().templates.new_name_placeholder
            />
            <button type="submit" class="primary">{move || i18n.t().templates.create}</button>
        </ActionForm>
        {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match templates.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty">{move || i18n.t().templates.none_yet}</p> }.into_any()
                    }
                    Ok(rows) => view! { <TemplateTable rows duplicate delete /> }.into_any(),
                    Err(_) => {
                        view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn TemplateTable(
    rows: Vec<TemplateSummary>,
    duplicate: ServerAction<DuplicateTemplate>,
    delete: ServerAction<DeleteTemplate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    view! {
        <table class="templates">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_name}</th>
                    <th scope="col">{move || t().col_design}</th>
                    <th scope="col">{move || i18n.t().col_languages}</th>
                    <th scope="col">{move || t().col_used_by}</th>
                    <th scope="col">{move || t().col_updated}</th>
                    <th scope="col">{move || t().col_actions}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let id = row.id.clone();
                        let (dup_id, del_id) = (id.clone(), id.clone());
                        let in_use = row.used_by > 0;
                        let layout = row.layout;
                        let updated = row.updated_at;
                        view! {
                            <tr data-template-id=id.clone()>
                                <td>
                                    <a href=shop_path(&format!("/templates/{id}"))>{row.name.clone()}</a>
                                </td>
                                <td>
                                    <span class=format!("layout-thumb {}", layout.as_str()) aria-hidden="true"></span>
                                    {move || (t().layout)(layout)}
                                </td>
                                <td class="languages">
                                    {row
                                        .languages
                                        .iter()
                                        .map(|l| view! { <abbr class="lang" lang=l.code().to_owned()>{l.code().to_uppercase()}</abbr> })
                                        .collect_view()}
                                </td>
                                <td>{row.used_by}</td>
                                <td>{move || i18n.date_time(updated)}</td>
                                <td class="actions">
                                    <a href=shop_path(&format!("/templates/{}", row.id))>{move || t().edit}</a>
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| {
                                            duplicate.dispatch(DuplicateTemplate {
                                                shop: current_shop(),
                                                id: dup_id.clone(),
                                            });
                                        }
                                    >
                                        {move || t().duplicate}
                                    </button>
                                    <button
                                        type="button"
                                        class="link danger"
                                        disabled=in_use
                                        title=move || if in_use { t().delete_in_use } else { "" }
                                        on:click=move |_| {
                                            if confirm(t().confirm_delete) {
                                                delete.dispatch(DeleteTemplate {
                                                    shop: current_shop(),
                                                    id: del_id.clone(),
                                                });
                                            }
                                        }
                                    >
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
    .into_any()
}
