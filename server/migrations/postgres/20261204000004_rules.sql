-- Rules: a shop has any number of campaigns, tried by priority (higher first, then the older)
-- with conditions on the abandoned cart, a JSON array of `domain::rules::Condition`.
alter table campaigns add column priority bigint not null default 0;
alter table campaigns add column conditions text not null default '[]';

-- A step's delay counts from the abandonment or from the sequence's previous step.
alter table reminder_steps add column delay_from text not null default 'abandonment';

-- A cart's rule is the campaign of its current sequence's reminders; "re-route" asks for a
-- fresh choice, ignoring the reminders written before this time.
alter table carts add column rerouted_at timestamptz;
