-- "Forgotten your password?" requests waiting to be handled off the request thread, so the answer
-- is the same, and takes the same time, whether or not the address has an account: the page only
-- writes a row here. A row lives for seconds: it is deleted once handled, or after an hour if it
-- never could be. Where the request came from is kept for the audit row written when it is handled.
create table password_reset_request (
    id             bigint generated always as identity primary key,
    email          text not null check (length(email) <= 254),
    client_address inet,
    request_id     text check (length(request_id) <= 100),
    user_agent     text check (length(user_agent) <= 200),
    requested_at   timestamptz not null
);

-- Failed sign-ins from a known browser are counted against that browser too: its cookie lets it
-- past the account's and the address's delays, so a stolen one must not become unlimited guesses.
alter table sign_in_throttle drop constraint sign_in_throttle_scope_check;
alter table sign_in_throttle add constraint sign_in_throttle_scope_check
    check (scope in ('ACCOUNT', 'ADDRESS', 'DEVICE'));
