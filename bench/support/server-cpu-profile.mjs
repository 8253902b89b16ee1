/**
 * Preloaded into the server by `bench/open-profile.ts --server-prof DIR` (NODE_OPTIONS=--import,
 * where Node refuses --cpu-prof): samples the server's CPU from its start and writes the profile
 * to $PROF_DIR/server-<pid>.cpuprofile when the process gets SIGUSR2 (it keeps running).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));

process.once('SIGUSR2', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error) return console.error('server-cpu-profile:', error);
    fs.writeFileSync(path.join(process.env.PROF_DIR, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
