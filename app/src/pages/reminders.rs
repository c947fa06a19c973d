use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_reminders, ReminderRow, RemindersData};
use crate::error::AppError;
use crate::i18n::use_i18n;

/// The Reminders tab: the campaign's steps in delay order.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let i18n = use_i18n();
    let reminders = Resource::new(|| (), |_| list_reminders());

    view! {
        <Title text=move || i18n.t().reminders_title />
        <h1>{move || i18n.t().reminders_title}</h1>
        <p class="intro">{move || i18n.t().reminders_intro}</p>
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match reminders.await {
                    Ok(data) => view! { <RemindersTable data /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        view! {
                            <p class="error" role="alert">
                                <a href="/login">{move || i18n.t().sign_in_again}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(AppError::NotFound) => {
                        view! { <p class="empty">{move || i18n.t().no_shop}</p> }.into_any()
                    }
                    Err(_) => {
                        view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RemindersTable(data: RemindersData) -> impl IntoView {
    let i18n = use_i18n();
    if data.rows.is_empty() {
        return view! { <p class="empty">{move || i18n.t().no_reminders}</p> }.into_any();
    }
    let currency = data.currency;
    view! {
        <table class="reminders">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t().col_send_after}</th>
                    <th scope="col">{move || i18n.t().col_subject}</th>
                    <th scope="col">{move || i18n.t().col_discount}</th>
                    <th scope="col">{move || i18n.t().col_languages}</th>
                    <th scope="col">{move || i18n.t().col_status}</th>
                </tr>
            </thead>
            <tbody>
                {data
                    .rows
                    .into_iter()
                    .map(|row| view! { <ReminderLine row currency /> })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn ReminderLine(row: ReminderRow, currency: domain::Currency) -> impl IntoView {
    let i18n = use_i18n();
    let row = StoredValue::new(row);
    let delay = move || row.with_value(|r| (i18n.t().delay)(r.delay_amount, r.delay_unit));
    let subject = move || {
        let language = i18n.locale.get().language();
        row.with_value(|r| {
            r.subject_in(language)
                .map(str::to_owned)
                .unwrap_or_else(|| i18n.t().no_subject.to_owned())
        })
    };
    let discount = move || row.with_value(|r| (i18n.t().discount)(&r.discount, currency));
    let languages = row.with_value(|r| {
        r.languages()
            .into_iter()
            .map(|l| view! { <abbr class="lang" lang=l.code().to_owned()>{l.code().to_uppercase()}</abbr> })
            .collect_view()
    });
    let enabled = row.with_value(|r| r.enabled);
    let id = row.with_value(|r| r.id.clone());
    view! {
        <tr data-step-id=id>
            <td class="delay">{delay}</td>
            <td class="subject">{subject}</td>
            <td class="discount">{discount}</td>
            <td class="languages">{languages}</td>
            <td class="status">
                <span class=if enabled { "pill on" } else { "pill off" }>
                    {move || if enabled { i18n.t().status_on } else { i18n.t().status_off }}
                </span>
            </td>
        </tr>
    }
}
