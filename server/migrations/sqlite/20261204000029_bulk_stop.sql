-- The merchant stopped a cart's reminders (the Carts list's bulk actions): the engine decides
-- nothing more for it and a queued reminder is passed over, until the merchant restarts it.
alter table carts add column reminders_stopped_at timestamptz;
alter table carts add column reminders_stopped_by text;

-- The merchant restarted the cart's sequence then: its delays count as if the cart had been
-- abandoned at that moment (a restart of an old cart would otherwise be too late for every step).
alter table carts add column restarted_at timestamptz;
