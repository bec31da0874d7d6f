// Bundles the Action (dist/index.js) and the CLI (dist/cli.js). `--check` rebuilds in memory and fails when
// the committed dist differs, since the runner executes dist, never the source.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
process.chdir(here);
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
  define: { __GUARDRAILS_VERSION__: JSON.stringify(pkg.version) },
};

const outputs = [
  ...(await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', banner: { js: banner } })).outputFiles,
  ...(await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${banner}` } })).outputFiles,
];

// The bundle loads these beside itself: web-tree-sitter's runtime and the Terraform grammar.
const require = createRequire(import.meta.url);
const wasm = ['web-tree-sitter/web-tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'].map((id) => ({
  path: join(here, 'dist', id.slice(id.lastIndexOf('/') + 1)),
  contents: readFileSync(require.resolve(id)),
}));
outputs.push(...wasm);

let stale = 0;
for (const file of outputs) {
  const rel = file.path.slice(here.length + 1);
  if (check) {
    const current = existsSync(file.path) ? readFileSync(file.path) : undefined;
    if (!current || !Buffer.from(file.contents).equals(current)) {
      console.error(`stale: action/${rel} differs from a fresh build; run \`npm run build\` and commit it`);
      stale++;
    }
  } else {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
}
if (!check) chmodSync(join(here, 'dist/cli.js'), 0o755);
if (stale) process.exit(1);
console.log(check ? 'action/dist is up to date' : 'built action/dist');
