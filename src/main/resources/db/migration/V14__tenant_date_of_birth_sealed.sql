-- A tenant's date of birth is kept only encrypted (AES-256-GCM under the field key, which is not
-- in the database, bound to the rent account): a stolen copy of the database does not give it
-- away. Migration 15 (Java: it needs the key) seals the dates already held; 16 drops the column.
alter table rent_account add column tenant_born_on_sealed text check (length(tenant_born_on_sealed) <= 200);
alter table rent_account alter column tenant_born_on drop not null;
