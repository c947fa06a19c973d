-- "Send the next reminder now" from a cart's page: the request waits here until the reminder
-- engine takes it (handled_at), so asking twice while one is pending changes nothing.
create table reminder_requests (
    request_id text not null,
    shop_id text not null,
    cart_id text not null,
    requested_by text not null,
    requested_at timestamptz not null,
    handled_at timestamptz,
    constraint reminder_requests_pkey primary key (request_id),
    constraint reminder_requests_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint reminder_requests_user_fkey foreign key (requested_by) references admin_users (user_id)
);

create index reminder_requests_cart_idx on reminder_requests (cart_id, handled_at);
