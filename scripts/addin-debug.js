// `npm start` / `npm stop`: sideload the add-in into Excel and serve it over
// https://localhost:3000 with office-addin-debugging (office-addin-cli's
// debugging tool, as Microsoft's templates do). It is an optional dependency:
// on Linux it needs libsecret and often fails to install. Without it this
// prints what to do instead, and exits 1.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [command = 'start', ...rest] = process.argv.slice(2);

let cli;
try {
  const pkgPath = require.resolve('office-addin-debugging/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.['office-addin-debugging'] ?? 'cli.js');
  cli = path.join(path.dirname(pkgPath), bin);
} catch {
  console.error(`office-addin-debugging is not installed, so "npm ${command}" cannot sideload the add-in.

It is an optional dependency of this project and did not install here (on Linux it
needs libsecret: apt-get install libsecret-1-0 libsecret-1-dev, then npm install).

Without it:
  1. npx office-addin-dev-certs install      trust the development certificate (once)
  2. npm run dev-server                      serves the add-in at https://localhost:3000/
  3. sideload manifest.xml by hand:
       Excel on the web: 插入 → 加载项 → 上传我的加载项 (Insert → Add-ins → Upload My Add-in)
       Excel on Windows: a shared-folder catalog (see docs/web.md, "Intranet")
  Stop the dev server with Ctrl+C.
The web page needs none of this: npm run build && npm run serve.`);
  process.exit(1);
}

const args = command === 'stop' ? ['stop', 'manifest.xml', ...rest] : ['start', 'manifest.xml', ...rest];
const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
