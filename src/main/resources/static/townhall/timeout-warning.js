// A signed-in session ends after a set time without a request. WCAG 2.2 success criterion 2.2.1
// (Timing Adjustable) asks that people are warned first and can ask for more time with a simple
// action: two minutes before the end, a modal dialog says so and offers "Stay signed in" (a form
// post with its CSRF token, which renews the session) or "Sign out". Escape means stay, as in the
// GOV.UK timeout warning pattern. With no answer the page signs out a little before the server
// would, so the sign-out still carries a live session, and says why on the sign-in page.
// Every tab of the site shares one session, so each page notes when it last spoke to the server
// (localStorage, this site only): a tab left in the background neither warns nor signs out while
// the resident is working in another, and a "Stay signed in" in one tab closes the others' warnings.
const dialog = document.getElementById('townhall-timeout');
const LAST_ACTIVE = 'townhall.session.lastActive';

if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  const endMs = Math.max(idleMs - 15000, 2000);
  const warnMs = Math.max(endMs - 120000, endMs / 2);
  const countdown = dialog.querySelector('.townhall-timeout__countdown');
  const stay = dialog.querySelector('form.townhall-timeout__stay');
  const out = dialog.querySelector('form.townhall-timeout__out');
  let timers = [];
  let endsAt = 0;
  let returnFocus = null;
  let activeAt = Date.now();

  const noteActive = (at) => {
    activeAt = at;
    try {
      window.localStorage.setItem(LAST_ACTIVE, String(at));
    } catch (unavailable) {
      // Private browsing or storage switched off: this tab keeps its own time.
    }
  };
  const lastActive = () => {
    let shared = 0;
    try {
      shared = Number(window.localStorage.getItem(LAST_ACTIVE)) || 0;
    } catch (unavailable) {
      shared = 0;
    }
    return Math.max(activeAt, shared);
  };

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? ' minute' : ' minutes');
    }
    return seconds + (seconds === 1 ? ' second' : ' seconds');
  };
  const clear = () => {
    timers.forEach((id) => clearTimeout(id));
    timers = [];
  };
  const post = (form) => fetch(form.action, {
    method: 'POST', body: new FormData(form), credentials: 'same-origin', redirect: 'manual',
  });
  const tick = () => {
    if (dialog.open) {
      countdown.textContent = words(endsAt - Date.now());
      timers.push(setTimeout(tick, 1000));
    }
  };
  // Another tab spoke to the server since this one's timers were set: start again from then.
  const renewedElsewhere = () => lastActive() > activeAt;
  const signOut = () => {
    if (renewedElsewhere()) {
      scheduleFrom(lastActive());
      return;
    }
    clear();
    post(out).catch(() => undefined).finally(() => window.location.assign(dialog.dataset.signedOut));
  };
  const warn = () => {
    if (renewedElsewhere()) {
      scheduleFrom(lastActive());
      return;
    }
    returnFocus = document.activeElement;
    dialog.showModal();
    tick();
  };
  const scheduleFrom = (from, now = Date.now()) => {
    clear();
    if (dialog.open) {
      dialog.close();
    }
    activeAt = from;
    endsAt = from + endMs;
    timers.push(setTimeout(warn, Math.max(0, from + warnMs - now)));
    timers.push(setTimeout(signOut, Math.max(0, endsAt - now)));
  };
  const schedule = () => {
    const now = Date.now();
    noteActive(now);
    scheduleFrom(now, now);
  };
  const keepSignedIn = async () => {
    let answer;
    try {
      answer = await post(stay);
    } catch (unreachable) {
      return; // The dialog stays open; the next press tries again.
    }
    if (answer.status !== 204) {
      window.location.assign(dialog.dataset.signedOut);
      return;
    }
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === 'function') {
      returnFocus.focus();
    }
    schedule();
  };

  stay.addEventListener('submit', (event) => {
    event.preventDefault();
    keepSignedIn();
  });
  window.addEventListener('storage', (event) => {
    if (event.key === LAST_ACTIVE && renewedElsewhere()) {
      scheduleFrom(lastActive());
    }
  });
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    keepSignedIn();
  });
  schedule();
}
