// Loaded as a module, so browsers too old for GOV.UK Frontend's JavaScript skip it and the pages
// still work: every page is usable without JavaScript.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';
import '/assets/townhall/timeout-warning.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
