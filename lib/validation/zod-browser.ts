// zod 4 probes `new Function("")` to compile faster parsers. The pages' Content-Security-Policy
// has no 'unsafe-eval' (and keeps it that way), so in the browser that probe is a CSP violation:
// logged in the console and failing Lighthouse's Best Practices. Browsers parse without it
// (jitless); the server, where no CSP applies, keeps the compiled parsers.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
