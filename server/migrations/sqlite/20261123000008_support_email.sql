-- The address the Help tab gives merchants' staff for questions (Settings; empty: none).
alter table shop_settings add column support_email text not null default '';
