// Bundles the Action (dist/index.js) and the CLI (dist/cli.js). `--check` rebuilds in memory and fails when
// the committed dist differs, since the runner executes dist, never the source.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // Split: what the Action loads only on demand (the AWS SDK, for aws-context: auto) stays out of its cold start.
  // Chunks sit beside index.js, since web-tree-sitter finds its wasm beside the module that holds it.
  ...(await build({ ...common, entryPoints: ['src/index.ts'], outdir: 'dist', entryNames: '[name]', chunkNames: '[name]-[hash]', splitting: true, banner: { js: banner } })).outputFiles,
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
// Scripts (chunks) of an earlier build: stale in a check, deleted in a build.
const built = new Set(outputs.map((file) => file.path));
for (const name of existsSync(join(here, 'dist')) ? readdirSync(join(here, 'dist')) : []) {
  const path = join(here, 'dist', name);
  if (!name.endsWith('.js') || built.has(path)) continue;
  if (check) {
    console.error(`stale: action/dist/${name} is not part of a fresh build; run \`npm run build\` and commit the deletion`);
    stale++;
  } else rmSync(path);
}
if (!check) chmodSync(join(here, 'dist/cli.js'), 0o755);
if (stale) process.exit(1);
console.log(check ? 'action/dist is up to date' : 'built action/dist');
