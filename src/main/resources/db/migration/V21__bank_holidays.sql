-- England and Wales bank holidays as GOV.UK publishes them (https://www.gov.uk/bank-holidays.json),
-- refreshed by a daily job. Notices sent by post are served on working days, so these decide
-- residents' deadlines; the copy Townhall carries covers any year this table does not.
create table bank_holiday (
    day        date primary key,
    title      text not null check (length(title) between 1 and 100),
    notes      text not null default '' check (length(notes) <= 200),
    fetched_at timestamptz not null
);
