//! The rule editor's products: SKUs one per line, and a search over the products seen in the
//! shop's carts (by SKU, name or barcode). The `ActForm` control adds the one picked to the
//! list (`data-append-to`).

use leptos::prelude::*;

use super::rule_fields::error_id;
use crate::api::KnownProduct;
use crate::i18n::RuleTexts;

#[component]
pub fn ProductPicker(
    t: &'static RuleTexts,
    skus: String,
    products: Vec<KnownProduct>,
) -> impl IntoView {
    view! {
        <label>
            <span>{t.skus}</span>
            <textarea name="skus" rows="3" aria-describedby=error_id("skus")>
                {skus}
            </textarea>
            <small class="hint">{t.skus_hint}</small>
        </label>
        <input
            type="search"
            list="known-products"
            aria-label=t.skus
            placeholder=t.skus_search
            data-append-to="skus"
        />
        <datalist id="known-products">
            {products
                .into_iter()
                .map(|product| {
                    // The label is searched too: by name, or by barcode.
                    let label = match &product.ean {
                        Some(ean) => format!("{} · EAN {ean}", product.name),
                        None => product.name.clone(),
                    };
                    view! { <option value=product.sku>{label}</option> }
                })
                .collect_view()}
        </datalist>
    }
}
