// GOV.UK Frontend's components (menu toggle, error summary focus, ...). Everything works
// without JavaScript; this only enhances.
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
