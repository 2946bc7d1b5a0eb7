// Worker thread entry of the library and of tsc's build (worker-thread.ts says what it does).
import { serveJobs } from './worker-thread.js';

serveJobs();
