//! `/connect/api`: the API reference, read from the OpenAPI document the server serves.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_api_reference, ApiOperation};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn ApiReferencePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reference;
    let shop = current_shop();
    let operations = Loaded::new(|| (), move |_| load_api_reference(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <p>
            <a href=shop_path("/connect")>"← " {move || i18n.t().keys.tab}</a>
        </p>
        <h1>{move || t().title}</h1>
        <p class="hint">
            {move || t().intro} " "
            <a href="/api/v1/openapi.json" rel="external"><code>{move || t().document}</code></a>
        </p>
        {move || Suspend::new(async move {
            match operations.await {
                Ok(list) => {
                    list.into_iter()
                        .map(|operation| view! { <Operation operation /> })
                        .collect_view()
                        .into_any()
                }
                Err(_) => {
                    view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                        .into_any()
                }
            }
        })}
    }
}

#[component]
fn Operation(operation: ApiOperation) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reference;
    let fields = operation.fields.clone();
    view! {
        <section class="panel api-operation">
            <h2>
                <code class="method">{operation.method.clone()}</code>
                " "
                <code>{operation.path.clone()}</code>
            </h2>
            <p><strong>{operation.summary.clone()}</strong></p>
            <p class="hint">{operation.description.clone()}</p>
            {operation
                .auth
                .clone()
                .map(|auth| view! { <p>{move || t().auth} ": " {auth}</p> })}
            {(!fields.is_empty())
                .then(|| {
                    view! {
                        <table class="api-fields">
                            <thead>
                                <tr>
                                    <th>{move || t().field}</th>
                                    <th>{move || t().kind}</th>
                                    <th>{move || t().required}</th>
                                    <th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {fields
                                    .into_iter()
                                    .map(|field| {
                                        view! {
                                            <tr>
                                                <td><code>{field.name}</code></td>
                                                <td>{field.kind}</td>
                                                <td>{field.required.then(|| t().yes)}</td>
                                                <td>{field.description}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            <h3>{move || t().answers}</h3>
            <ul class="api-answers">
                {operation
                    .responses
                    .into_iter()
                    .map(|r| view! { <li><code>{r.status}</code> " " {r.description}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
