-- Who may use the admin. Accounts are not shop-owned: an agency's account will reach several
-- shops (a membership table comes with multi-shop). Passwords are argon2id PHC strings; sessions
-- are stored as SHA-256 hashes of their token, so a copy of the database opens no session.

create table admin_users (
    user_id text not null,
    email text not null,
    password_hash text not null,
    created_at timestamptz not null,
    constraint admin_users_pkey primary key (user_id),
    constraint admin_users_email_key unique (email)
);

create table admin_sessions (
    token_hash text not null,
    user_id text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    constraint admin_sessions_pkey primary key (token_hash),
    constraint admin_sessions_user_fkey foreign key (user_id) references admin_users (user_id) on delete cascade
);

create index admin_sessions_expires_idx on admin_sessions (expires_at);
