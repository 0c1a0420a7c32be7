// A signed-in session ends after a set time without a request. WCAG 2.2 success criterion 2.2.1
// (Timing Adjustable) asks that people are warned first and can ask for more time with a simple
// action: two minutes before the end, a modal dialog says so and offers "Stay signed in" (a form
// post with its CSRF token, which renews the session) or "Sign out". Escape means stay, as in the
// GOV.UK timeout warning pattern. With no answer the page signs out a little before the server
// would, so the sign-out still carries a live session, and says why on the sign-in page.
// Every tab of the site shares one session, so each page notes when it last spoke to the server
// (localStorage, this site only): a tab left in the background neither warns nor signs out while
// the resident is working in another, and a "Stay signed in" in one tab closes the others' warnings.
//
// A session also ends a fixed time after sign-in however busy it is, and nothing extends that. The
// server says how many seconds are left when it sends the page; the page counts down from when it
// was asked for (a browser's own clock may be far out, but it measures minutes well). Five minutes
// before the end a second dialog says when, that it cannot be put off, and how to keep the work:
// finish and send it, or sign in again now (and come back to this page). It never offers "Stay
// signed in". Signing in again in one tab is shared too, so the other tabs stop counting to the old end.
const dialog = document.getElementById('townhall-timeout');
const endDialog = document.getElementById('townhall-session-end');
const LAST_ACTIVE = 'townhall.session.lastActive';
const SESSION_END = 'townhall.session.end';
// Warned this long before the fixed end: time to finish a form and send it.
const LIMIT_WARNING = 300000;
// A timer further ahead than this (about 24.8 days) overflows and runs at once, so it waits in steps.
const LONGEST_TIMER = 2147483647;

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
  // The fixed end of the session, a little before the server's as for the idle end; never without its dialog.
  let limitEndsAt = endDialog
    ? Math.floor(Date.now() - performance.now()) + Number(endDialog.dataset.secondsLeft) * 1000 - 15000 : Infinity;

  const stored = (key) => {
    try {
      return window.localStorage.getItem(key);
    } catch (unavailable) {
      return null; // Private browsing or storage switched off: this tab keeps its own time.
    }
  };
  const store = (key, value) => {
    try {
      window.localStorage.setItem(key, value);
    } catch (unavailable) {
      // As above.
    }
  };
  const noteActive = (at) => {
    activeAt = at;
    store(LAST_ACTIVE, String(at));
  };
  // Another tab's time, unless it is ahead of this clock by more than tabs can differ: a value
  // from the future would put the sign-out before now, or past what a timer can wait.
  const lastActive = () => {
    const elsewhere = Number(stored(LAST_ACTIVE)) || 0;
    return Math.max(activeAt, elsewhere <= Date.now() + 60000 ? elsewhere : 0);
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
    // Sent as an ordinary form is (urlencoded): only the challenge form may send a multipart body.
    method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin', redirect: 'manual',
  });
  const tick = () => {
    if (dialog.open) {
      countdown.textContent = words(endsAt - Date.now());
      timers.push(setTimeout(tick, 1000));
    }
  };
  // Another tab spoke to the server since this one's timers were set: start again from then.
  const renewedElsewhere = () => lastActive() > activeAt;
  let warnLimit = () => undefined;
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
    if (limitEndsAt <= endsAt) {
      warnLimit(); // Staying signed in would not reach past the fixed end: say that instead.
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

  if (endDialog) {
    const at = endDialog.querySelector('.townhall-session-end__at');
    const left = endDialog.querySelector('.townhall-session-end__countdown');
    const carryOn = endDialog.querySelector('form.townhall-session-end__continue');
    const again = endDialog.querySelector('form.townhall-session-end__again');
    let limitTimers = [];
    let limitReturnFocus = null;

    const clearLimit = () => {
      limitTimers.forEach((id) => clearTimeout(id));
      limitTimers = [];
    };
    const later = (moment, run) => {
      const wait = moment - Date.now();
      limitTimers.push(wait > LONGEST_TIMER
        ? setTimeout(() => later(moment, run), LONGEST_TIMER) : setTimeout(run, Math.max(0, wait)));
    };
    const tickLimit = () => {
      if (endDialog.open) {
        left.textContent = words(limitEndsAt - Date.now());
        limitTimers.push(setTimeout(tickLimit, 1000));
      }
    };
    // A page of the same session ends within seconds of this one; a minute later means someone signed in again.
    const newerSession = () => {
      let shared = null;
      try {
        shared = JSON.parse(stored(SESSION_END));
      } catch (unreadable) {
        shared = null;
      }
      return shared && typeof shared.endsAt === 'number' && shared.endsAt > limitEndsAt + 60000 ? shared : null;
    };
    const signOutAtLimit = () => {
      if (adoptNewerSession()) {
        return;
      }
      clear();
      clearLimit();
      post(again).catch(() => undefined).finally(() => window.location.assign(endDialog.dataset.signedOut));
    };
    warnLimit = () => {
      if (adoptNewerSession() || endDialog.open) {
        return;
      }
      if (dialog.open) {
        // The idle warning is up and its end comes first: once it is answered, this one follows.
        limitTimers.push(setTimeout(warnLimit, 1000));
        return;
      }
      limitReturnFocus = document.activeElement;
      endDialog.showModal();
      tickLimit();
    };
    const scheduleLimit = () => {
      clearLimit();
      if (endDialog.open) {
        endDialog.close();
      }
      later(limitEndsAt - LIMIT_WARNING, warnLimit);
      later(limitEndsAt, signOutAtLimit);
    };
    const adoptNewerSession = () => {
      const shared = newerSession();
      if (!shared) {
        return false;
      }
      limitEndsAt = shared.endsAt;
      if (typeof shared.at === 'string') {
        at.textContent = shared.at;
      }
      scheduleLimit();
      return true;
    };
    // Finishing the work is activity: the idle time starts again, the fixed end stays where it is.
    const finishWork = async () => {
      endDialog.close();
      if (limitReturnFocus && typeof limitReturnFocus.focus === 'function') {
        limitReturnFocus.focus();
      }
      let answer;
      try {
        answer = await post(carryOn);
      } catch (unreachable) {
        return; // The idle timers carry on as they were.
      }
      if (answer.status !== 204) {
        window.location.assign(endDialog.dataset.signedOut);
        return;
      }
      schedule();
    };

    carryOn.addEventListener('submit', (event) => {
      event.preventDefault();
      finishWork();
    });
    endDialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finishWork();
    });
    again.addEventListener('submit', (event) => {
      event.preventDefault();
      clear();
      clearLimit();
      const back = endDialog.dataset.returns === 'true'
        ? '?next=' + encodeURIComponent(window.location.pathname + window.location.search) : '';
      post(again).catch(() => undefined).finally(() => window.location.assign(endDialog.dataset.signIn + back));
    });
    window.addEventListener('storage', (event) => {
      if (event.key === SESSION_END) {
        adoptNewerSession();
      }
    });
    store(SESSION_END, JSON.stringify({ endsAt: limitEndsAt, at: at.textContent }));
    scheduleLimit();
  }
  schedule();
}
