//! `/s/<slug>/team`: who reaches the shop and with which role; invite someone (the link is
//! shown once, and mailed when asked), change a role, remove a member. Owners only.

use domain::team::Role;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    load_team, ChangeRole, InviteMember, InviteOutcome, MemberLine, RemoveMember, TeamPage,
};
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::current_shop;

#[component]
pub fn TeamPageView() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let invite = ServerAction::<InviteMember>::new();
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let shop = current_shop();
    let team = Resource::new(
        move || {
            (
                invite.version().get(),
                change.version().get(),
                remove.version().get(),
            )
        },
        move |_| load_team(shop.clone()),
    );
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <InviteForm invite />
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(data) => view! { <Members data change remove /> }.into_any(),
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Transition>
    }
}

#[component]
fn InviteForm(invite: ServerAction<InviteMember>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Staff);
    let send_mail = RwSignal::new(true);
    let outcome = move || match invite.value().get() {
        Some(Ok(InviteOutcome::Invited { link, mailed })) => Some((
            if mailed {
                t().invited_mailed
            } else {
                t().invited_link
            },
            Some(link),
            "saved",
        )),
        Some(Ok(InviteOutcome::Added)) => Some((t().added, None, "saved")),
        Some(Ok(InviteOutcome::BadEmail)) => Some((t().bad_email, None, "error")),
        Some(Err(_)) => Some((t().failed, None, "error")),
        None => None,
    };
    view! {
        <form
            class="invite-form"
            novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                invite.dispatch(InviteMember {
                    shop: current_shop(),
                    email: email.get_untracked(),
                    role: role.get_untracked(),
                    send_mail: send_mail.get_untracked(),
                });
            }
        >
            <h2>{move || t().invite_title}</h2>
            <label>
                <span>{move || t().email}</span>
                <input
                    type="email"
                    name="email"
                    required
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{move || t().role}</span>
                <RoleSelect value=role />
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || send_mail.get()
                    on:change=move |ev| send_mail.set(event_target_checked(&ev))
                />
                <span>{move || t().send_mail}</span>
            </label>
            <button type="submit" class="primary" disabled=move || invite.pending().get()>
                {move || t().invite}
            </button>
            {move || {
                outcome()
                    .map(|(text, link, tone)| {
                        view! {
                            <div class=format!("invite-outcome {tone}") role="status">
                                <p>{text}</p>
                                {link.map(|link| view! { <code class="invite-link">{link}</code> })}
                            </div>
                        }
                    })
            }}
        </form>
    }
}

/// The three roles, with what each may do in its label.
#[component]
fn RoleSelect(value: RwSignal<Role>, #[prop(optional)] disabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            disabled=disabled
            on:change=move |ev| {
                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                    value.set(role);
                }
            }
        >
            {Role::ALL
                .into_iter()
                .map(|role| {
                    view! {
                        <option value=role.as_str() selected=move || value.get() == role>
                            {move || (i18n.t().team.role_name)(role)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn Members(
    data: TeamPage,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let invitations = data.invitations.clone();
    view! {
        <table class="team">
            <thead>
                <tr>
                    <th scope="col">{move || t().email}</th>
                    <th scope="col">{move || t().role}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {data
                    .members
                    .into_iter()
                    .map(|member| view! { <MemberRow member change remove /> })
                    .collect_view()}
            </tbody>
        </table>
        {(!invitations.is_empty())
            .then(|| {
                view! {
                    <h2>{move || t().pending}</h2>
                    <ul class="invitations">
                        {invitations
                            .into_iter()
                            .map(|invitation| {
                                let role = invitation.role;
                                let expires = invitation.expires_at;
                                view! {
                                    <li>
                                        {invitation.email} " · " {move || (t().role_name)(role)} " · "
                                        {move || (t().expires)(&i18n.date_time(expires))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
fn MemberRow(
    member: MemberLine,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let fixed = member.you || member.owns_all;
    let role = RwSignal::new(member.role);
    let user_id = member.user_id.clone();
    let (for_change, for_remove) = (user_id.clone(), user_id.clone());
    Effect::watch(
        move || role.get(),
        move |role, _, _| {
            change.dispatch(ChangeRole {
                shop: current_shop(),
                user_id: for_change.clone(),
                role: *role,
            });
        },
        false,
    );
    view! {
        <tr data-member=member.email.clone()>
            <td>
                {member.email.clone()}
                {member.you.then(|| view! { <small class="you">{move || t().you}</small> })}
                {member.owns_all.then(|| view! { <small class="you">{move || t().every_shop}</small> })}
            </td>
            <td>
                <RoleSelect value=role disabled=fixed />
            </td>
            <td>
                {(!fixed)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="link danger"
                                on:click=move |_| {
                                    if confirm(t().confirm_remove) {
                                        remove.dispatch(RemoveMember {
                                            shop: current_shop(),
                                            user_id: for_remove.clone(),
                                        });
                                    }
                                }
                            >
                                {move || t().remove}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
