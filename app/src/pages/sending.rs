use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    load_sending, RegenerateCronToken, RunFigures, RunLine, RunNow, RunNowOutcome, SendingError,
    SendingStatus,
};
use crate::i18n::use_i18n;

/// The Automatic sending tab: the built-in scheduler, "Run now", and the cron URL.
#[component]
pub fn SendingPage() -> impl IntoView {
    let i18n = use_i18n();
    let run = ServerAction::<RunNow>::new();
    let regenerate = ServerAction::<RegenerateCronToken>::new();
    // Reloads after a run or a new token, so the history and the URL stay true.
    let shop = crate::shop::current_shop();
    let status = Resource::new(
        move || (run.version().get(), regenerate.version().get()),
        move |_| load_sending(shop.clone()),
    );
    view! {
        <Title text=crate::title::page_title(move || i18n.t().sending.title) />
        <h1>{move || i18n.t().sending.title}</h1>
        <p class="intro">{move || i18n.t().sending_intro}</p>
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <SendingView status run regenerate /> }.into_any(),
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Transition>
    }
}

fn skipped_total(figures: &RunFigures) -> u64 {
    figures.skipped.iter().map(|(_, n)| n).sum()
}

#[component]
fn SendingView(
    status: SendingStatus,
    run: ServerAction<RunNow>,
    regenerate: ServerAction<RegenerateCronToken>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sending;
    let next_run = status.next_run;
    let (due, later) = (status.queued_due, status.queued_later);
    // The latest run failed: sending is stopped until the next run gets through.
    let stopped = status
        .runs
        .first()
        .and_then(|run| run.error.clone().map(|error| (run.started_at, error)));
    let run_result = move || {
        if run.pending().get() {
            return Some((t().running.to_owned(), "saving"));
        }
        match run.value().get()? {
            Ok(RunNowOutcome::Ran(f)) => Some((
                (t().run_result)(f.due, f.sent, skipped_total(&f), f.failed),
                "saved",
            )),
            Ok(RunNowOutcome::AlreadyRunning) => Some((t().already_running.to_owned(), "error")),
            Err(error) => Some((error.to_string(), "error")),
        }
    };
    let command = format!(
        "curl -fsS -X POST -H 'Authorization: Bearer {}' {}",
        status.cron_token, status.cron_url
    );
    view! {
        <section class="card" aria-labelledby="scheduler-title">
            <h2 id="scheduler-title">{move || t().scheduler_title}</h2>
            <p>{move || t().scheduler_explain}</p>
            <p class="next-run">
                {move || match next_run {
                    Some(at) => format!("{} {}", t().next_run, i18n.date_time(at)),
                    None => t().no_run_yet.to_owned(),
                }}
            </p>
            {stopped.map(|(at, error)| {
                view! {
                    <p class="error sending-stopped" role="alert">
                        {move || (t().stopped)(&i18n.date_time(at), &error)}
                    </p>
                }
            })}
            <p class="queue">{move || (t().queue)(due, later)}</p>
            <div class="form-actions">
                <button type="button" on:click=move |_| {
                    run.dispatch(RunNow {
                        shop: crate::shop::current_shop(),
                    });
                } disabled=move || run.pending().get()>{move || t().run_now}</button>
                <p
                    class=move || {
                        format!("save-status run-result {}", run_result().map_or("", |r| r.1))
                    }
                    role="status"
                >
                    {move || run_result().map(|r| r.0)}
                </p>
            </div>
        </section>
        <RunHistory runs=status.runs />
        <ErrorList errors=status.errors />
        <section class="card" aria-labelledby="cron-title">
            <h2 id="cron-title">{move || t().cron_title}</h2>
            <p>{move || t().cron_explain}</p>
            <CopyField id="cron-url" label=move || t().cron_url value=status.cron_url />
            <CopyField id="cron-token" label=move || t().cron_token value=status.cron_token />
            <CopyField id="cron-command" label=move || t().cron_command value=command />
            <div class="form-actions">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        if super::confirm(t().confirm_regenerate) {
                            regenerate.dispatch(RegenerateCronToken {
                                shop: crate::shop::current_shop(),
                            });
                        }
                    }
                >
                    {move || t().regenerate}
                </button>
                <p class="save-status saved" role="status">
                    {move || {
                        matches!(regenerate.value().get(), Some(Ok(_))).then(|| t().regenerated)
                    }}
                </p>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RunHistory(runs: Vec<RunLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sending;
    let rows = runs
        .into_iter()
        .map(|run| {
            let figures = run.figures.clone().unwrap_or_default();
            let skipped = figures
                .skipped
                .iter()
                .map(|(reason, n)| format!("{} : {n}", (i18n.t().skip_reason)(reason)))
                .collect::<Vec<_>>()
                .join(", ");
            let skipped_total = skipped_total(&figures);
            let trigger = run.trigger.clone();
            let error = run.error.clone();
            view! {
                <tr>
                    <td>{move || i18n.date_time(run.started_at)}</td>
                    <td>{move || (t().trigger)(&trigger)}</td>
                    <td class="num">{format!("{:.1} s", run.duration_ms as f64 / 1000.0)}</td>
                    <td class="num">{figures.due}</td>
                    <td class="num">{figures.sent}</td>
                    <td class="num" title=skipped>{skipped_total}</td>
                    <td class="num">
                        {figures.failed}
                        {error.map(|e| view! { <span class="field-error">" " {e}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="runs-title">
            <h2 id="runs-title">{move || t().runs_title}</h2>
            <table class="runs">
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_started}</th>
                        <th scope="col">{move || t().col_trigger}</th>
                        <th scope="col">{move || t().col_duration}</th>
                        <th scope="col">{move || t().col_due}</th>
                        <th scope="col">{move || t().col_sent}</th>
                        <th scope="col">{move || t().col_skipped}</th>
                        <th scope="col">{move || t().col_failed}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

#[component]
fn ErrorList(errors: Vec<SendingError>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sending;
    let empty = errors.is_empty();
    let items = errors
        .into_iter()
        .map(|e| {
            let retrying = e.retrying;
            view! {
                <li>
                    <time>{move || i18n.date_time(e.at)}</time>
                    " · "
                    {e.email.clone()}
                    " · "
                    {e.error.clone()}
                    " ("
                    {move || if retrying { t().retrying } else { t().failed_for_good }}
                    ")"
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="errors-title">
            <h2 id="errors-title">{move || t().errors_title}</h2>
            {empty.then(|| view! { <p class="empty">{move || t().no_errors}</p> })}
            <ul class="sending-errors">{items}</ul>
            <p>
                <a href=crate::shop::shop_path("/unsubscribed")>{move || i18n.t().unsubscribed.link}</a>
            </p>
        </section>
    }
    .into_any()
}

/// A read-only value with a copy button.
#[component]
fn CopyField(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    value: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let text = value.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&text);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
        copied.set(true);
    };
    view! {
        <div class="field copy-field">
            <label for=id>{label}</label>
            <div class="copy-row">
                <input id=id type="text" readonly value=value />
                <button type="button" class="secondary" on:click=copy>
                    {move || {
                        if copied.get() { i18n.t().sending.copied } else { i18n.t().sending.copy }
                    }}
                </button>
            </div>
        </div>
    }
    .into_any()
}
