//! The Reminders page's preview: a reminder's email for the demo cart, in a dialog.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The rendered email of a reminder for the demo cart, at three widths.
#[component]
pub(crate) fn PreviewDialog(preview: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let width = RwSignal::new(600u32);
    let widths = move || {
        let t = i18n.t().templates;
        [(t.desktop, 600u32), (t.tablet, 768), (t.mobile, 375)]
    };
    view! {
        {move || {
            preview
                .get()
                .map(|url| {
                    view! {
                        <div class="modal-backdrop" on:click=move |_| preview.set(None)>
                            <div
                                class="modal"
                                role="dialog"
                                aria-modal="true"
                                aria-label=move || i18n.t().reminders.preview
                                on:click=|ev| ev.stop_propagation()
                            >
                                <div class="preview-toolbar">
                                    {move || {
                                        widths()
                                            .into_iter()
                                            .map(|(label, w)| {
                                                view! {
                                                    <button
                                                        type="button"
                                                        aria-pressed=move || (width.get() == w).to_string()
                                                        on:click=move |_| width.set(w)
                                                    >
                                                        {label}
                                                    </button>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                    <button type="button" class="close" on:click=move |_| preview.set(None)>
                                        {move || i18n.t().reminders.close}
                                    </button>
                                </div>
                                <iframe
                                    class="preview-frame"
                                    src=url
                                    sandbox=""
                                    title=move || i18n.t().reminders.preview
                                    style=move || format!("width: {}px", width.get())
                                ></iframe>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
