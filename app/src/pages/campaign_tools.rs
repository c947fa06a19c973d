//! The Reminders tab's campaign tools: pause or resume the whole campaign, download it, and
//! import one exported from another shop (its reminders arrive switched off).

use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::{current_shop, shop_path};
use leptos::prelude::*;

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
    let import = FormWords {
        confirm: Some(t.confirm_import.to_owned()),
        ..FormWords::default()
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
            <ActForm act=FormAct::ImportCampaign words=import>
                <form class="import-form" method="post" enctype="multipart/form-data">
                    <input type="hidden" name="shop" value=current_shop() />
                    <input type="hidden" name="rule" value=rule />
                    <label class="import-file">
                        <span>{t.import_label}</span>
                        <input type="file" name="document" accept="application/json,.json" />
                    </label>
                    <button type="submit">{t.import}</button>
                </form>
            </ActForm>
        </section>
    }
}
