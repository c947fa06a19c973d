-- Who may do what. An account with `owns_all` owns the install: every shop, present and
-- future (the set-up's owner, `relance admin create` without a role). Every other account
-- reaches only the shops it is a member of, with a role in each.
alter table admin_users add column owns_all boolean not null default false;

-- The accounts made before roles existed reached every shop.
update admin_users set owns_all = true;

create table shop_members (
    user_id text not null,
    shop_id text not null,
    role text not null,
    created_at timestamptz not null,
    constraint shop_members_pkey primary key (user_id, shop_id),
    constraint shop_members_user_fkey foreign key (user_id) references admin_users (user_id) on delete cascade,
    constraint shop_members_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint shop_members_role_check check (role in ('owner', 'manager', 'staff'))
);

create index shop_members_shop_idx on shop_members (shop_id);

-- The engine's pass serves each shop in turn: its queue is read by shop.
drop index deliveries_queue_idx;
create index deliveries_queue_idx on deliveries (shop_id, next_attempt_at) where status = 'queued';

-- A run is recorded per shop (the Automatic sending tab shows the shop's own); older runs,
-- from before there were several shops, have none and show in every shop.
alter table engine_runs add column shop_id text;
create index engine_runs_shop_idx on engine_runs (shop_id, started_at);
