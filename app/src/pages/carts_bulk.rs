//! The Carts list's bulk actions ("Actions groupées"): the selected carts' reminders stopped,
//! restarted or sent now, or the carts exported.

use leptos::prelude::*;

use crate::api::{BulkAction, BulkCarts};
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn BulkBar(selected: RwSignal<Vec<String>>, bulk: ServerAction<BulkCarts>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().bulk;
    let none = move || selected.with(Vec::is_empty);
    let run = move |action: BulkAction| {
        let question = match action {
            BulkAction::Stop => Some(t().confirm_stop),
            BulkAction::Restart => Some(t().confirm_restart),
            BulkAction::SendNext => None,
        };
        if question.is_none_or(confirm) {
            bulk.dispatch(BulkCarts {
                shop: current_shop(),
                action,
                ids: selected.get_untracked(),
            });
        }
    };
    let export =
        move || selected.with(|ids| shop_path(&format!("/carts.csv?ids={}", ids.join(","))));
    let status = move || match bulk.value().get() {
        Some(Ok(changed)) => Some(((t().done)(changed), "saved")),
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    view! {
        <div class="bulk-bar" role="toolbar" aria-label=move || (t().selected)(selected.with(Vec::len))>
            <span class="count">{move || (t().selected)(selected.with(Vec::len))}</span>
            <button type="button" class="secondary" disabled=none on:click=move |_| run(BulkAction::SendNext)>
                {move || t().send_next}
            </button>
            <button type="button" class="secondary" disabled=none on:click=move |_| run(BulkAction::Restart)>
                {move || t().restart}
            </button>
            <button type="button" class="danger" disabled=none on:click=move |_| run(BulkAction::Stop)>
                {move || t().stop}
            </button>
            <a
                class="button secondary"
                class:disabled=none
                aria-disabled=move || none().to_string()
                href=export
                download=""
            >
                {move || t().export}
            </a>
            {move || {
                status()
                    .map(|(text, tone)| {
                        view! { <span class=format!("save-status {tone}") role="status">{text}</span> }
                    })
            }}
        </div>
    }
}
