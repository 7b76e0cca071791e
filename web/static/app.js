// NHS.UK frontend components (header menu, skip link, buttons...). A module, so it only runs
// in browsers the frontend supports; it marks the body as such before initialising.
import { initAll } from "./nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
