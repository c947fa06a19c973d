-- A discount tier can send its own template (a tier can change the message, not only the
-- amount); null: the step's.
alter table step_discounts add column template_id text;
