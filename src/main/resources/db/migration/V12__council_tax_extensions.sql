-- Council tax instalments whose due date an outage of online council tax payments swallowed
-- (continuity's automatic deadline extension): due dates from window_start to covers_until move
-- by days. One row per account and outage, so an outage never extends an account twice.
create table council_tax_extension (
    account_id   bigint not null references council_tax_account (id),
    outage_ref   text not null,
    window_start date not null,
    window_end   date not null,
    covers_until date not null,
    days         integer not null check (days >= 0),
    created_at   timestamptz not null,
    primary key (account_id, outage_ref)
);
