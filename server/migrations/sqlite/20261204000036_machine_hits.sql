-- Why a tracking hit is a machine's (`domain::stats::machine::MachineReason`); null: a
-- person's. `probable_scanner` stays the flag the statistics count by.
alter table delivery_events add column machine_reason text;
