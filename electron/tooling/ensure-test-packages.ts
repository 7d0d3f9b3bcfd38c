// Before the tests: make sure the Debian packages they drive are there: Chromium (Playwright drives it; it never
// downloads a browser) and Prometheus with promtool (the live-import tests start a real server on loopback). On a
// Debian/Ubuntu machine without them, install them with apt-get; elsewhere say exactly what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.PEEL_CHROMIUM ?? '/usr/bin/chromium';
const NEEDED = [
  { binary: chromium, pkg: 'chromium', why: 'the e2e tests drive it' },
  {
    binary: '/usr/bin/prometheus',
    pkg: 'prometheus',
    why: 'the live Prometheus import tests start it on loopback',
  },
  {
    binary: '/usr/bin/promtool',
    pkg: 'prometheus',
    why: 'the Prometheus tests seed it with recorded series',
  },
];

function run(command: string): void {
  console.log(`$ ${command}`);
  execSync(command, { stdio: 'inherit' });
}

const missing = NEEDED.filter((need) => !existsSync(need.binary));
if (missing.length > 0) {
  for (const need of missing) console.log(`${need.binary} is missing (${need.why}).`);
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(
      `Install ${[...new Set(missing.map((need) => need.pkg))].join(' and ')} (PEEL_CHROMIUM may point at another Chromium binary).`,
    );
    process.exit(1);
  }
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  run(`${sudo}apt-get update`);
  run(`${sudo}apt-get install -y ${[...new Set(missing.map((need) => need.pkg))].join(' ')}`);
}
