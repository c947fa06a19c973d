// `wasm-opt -Oz` on every module of the split WASM, in place: node scripts/wasm-opt.mjs <dir>
//
// npm's binaryen is binaryen compiled to WASM. Its `wasm-opt` command loads and warms up that
// 14 MB build afresh for each module, which was most of the 132 s the 101 modules took. Here
// one Node process per core loads it once and optimises its share (45 s); same passes (-Oz:
// optimise level 2, shrink level 2), same features as the modules declare.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BINARYEN = new URL('../.tools/node_modules/binaryen/index.js', import.meta.url);

if (process.env.RELANCE_WASM_OPT_SHARE) {
  await optimise(JSON.parse(process.env.RELANCE_WASM_OPT_SHARE));
} else {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/wasm-opt.mjs <folder of .wasm files>');
    process.exit(2);
  }
  const shares = share(dir, os.availableParallelism());
  const codes = await Promise.all(shares.map(run));
  if (codes.some((code) => code !== 0)) process.exit(1);
}

// Biggest modules first, each to the process with the fewest bytes so far.
function share(dir, processes) {
  const modules = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, bytes: fs.statSync(file).size }))
    .sort((a, b) => b.bytes - a.bytes);
  const shares = Array.from({ length: Math.min(processes, modules.length) }, () => ({
    bytes: 0,
    files: [],
  }));
  for (const module of modules) {
    const lightest = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.bytes += module.bytes;
    lightest.files.push(module.file);
  }
  return shares.map((s) => s.files);
}

function run(files) {
  const child = fork(new URL(import.meta.url), [], {
    env: { ...process.env, RELANCE_WASM_OPT_SHARE: JSON.stringify(files) },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function optimise(files) {
  // LLVM writes a name subsection binaryen does not know; it warns once per module and drops it.
  const error = console.error;
  console.error = (...args) => {
    if (!String(args[0]).includes('unknown name subsection')) error(...args);
  };
  const { default: binaryen } = await import(BINARYEN);
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  for (const file of files) {
    const module = binaryen.readBinary(fs.readFileSync(file));
    module.optimize();
    if (!module.validate()) throw new Error(`${file}: binaryen's output does not validate`);
    fs.writeFileSync(file, module.emitBinary());
    module.dispose();
  }
}
