// The web worker that runs ELK: its worker build answers the layout requests that elk-api posts to it.

import 'elkjs/lib/elk-worker.min.js';
