-- Invitations to a shop's team: a single-use link that expires, kept as the SHA-256 of its
-- token, so a copy of the database accepts none.
create table invitations (
    token_hash text not null,
    shop_id text not null,
    email text not null,
    role text not null,
    invited_by text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    constraint invitations_pkey primary key (token_hash),
    constraint invitations_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint invitations_inviter_fkey foreign key (invited_by) references admin_users (user_id) on delete cascade,
    constraint invitations_role_check check (role in ('owner', 'manager', 'staff'))
);

create index invitations_shop_idx on invitations (shop_id, created_at);

-- The activity log: every change to campaigns, templates, discounts, settings, users, keys and
-- shops, with who made it (the address is kept: an account may be deleted later) and a short
-- before and after.
create table audit_log (
    entry_id text not null,
    shop_id text,
    user_id text,
    user_email text not null,
    at timestamptz not null,
    action text not null,
    subject text not null,
    before text,
    after text,
    constraint audit_log_pkey primary key (entry_id)
);

create index audit_log_shop_at_idx on audit_log (shop_id, at);
