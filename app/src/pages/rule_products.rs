//! The rule editor's products: SKUs one per line, and a search over the products seen in the
//! shop's carts (by SKU, name or barcode) that adds the one picked.

use domain::rules::RuleDraft;
use leptos::prelude::*;

use crate::api::KnownProduct;
use crate::i18n::use_i18n;

#[component]
pub fn ProductPicker(
    draft: RwSignal<RuleDraft>,
    products: StoredValue<Vec<KnownProduct>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let sku_search = RwSignal::new(String::new());
    view! {
        <label>
            <span>{move || t().skus}</span>
            <textarea
                name="skus"
                rows="3"
                prop:value=move || draft.with(|d| d.skus.clone())
                on:input=move |ev| draft.update(|d| d.skus = event_target_value(&ev))
            ></textarea>
            <small class="hint">{move || t().skus_hint}</small>
        </label>
        <input
            type="search"
            name="sku_search"
            list="known-products"
            aria-label=move || t().skus
            prop:value=move || sku_search.get()
            on:input=move |ev| sku_search.set(event_target_value(&ev))
            on:change=move |ev| {
                let picked = event_target_value(&ev);
                let known = products
                    .with_value(|all| all.iter().any(|p| p.sku == picked));
                if known {
                    draft
                        .update(|d| {
                            if !d.skus.trim().is_empty() {
                                d.skus.push('\n');
                            }
                            d.skus.push_str(&picked);
                        });
                    sku_search.set(String::new());
                }
            }
        />
        <datalist id="known-products">
            {products
                .get_value()
                .into_iter()
                .map(|product| {
                    // The label is searched too: by name, or by barcode.
                    let label = match &product.ean {
                        Some(ean) => format!("{} · EAN {ean}", product.name),
                        None => product.name.clone(),
                    };
                    view! { <option value=product.sku.clone()>{label}</option> }
                })
                .collect_view()}
        </datalist>
    }
}
