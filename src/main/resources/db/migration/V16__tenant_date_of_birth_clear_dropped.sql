-- Every date of birth was sealed by migration 15; none is kept in clear.
alter table rent_account drop column tenant_born_on;
alter table rent_account alter column tenant_born_on_sealed set not null;
