-- The sandbox provider, like GOV.UK Pay, returns the payment already created for a repeated
-- idempotency key instead of creating a second: Townhall now asks the provider before it writes
-- its own payment row, so two instances starting the same payment meet here.
alter table sandbox_charge add column idempotency_key text unique check (length(idempotency_key) <= 100);
