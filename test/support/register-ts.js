/**
 * Runs TypeScript sources in plain Node (a child documents service in the worker-kill test, the
 * letters benchmark) without a build: each .ts file is transpiled on require with the
 * repository's compiler options, and the @kotoportti/* aliases are resolved from tsconfig.json.
 * Usage: node -r ./test/support/register-ts.js path/to/file.ts
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = join(__dirname, '..', '..');
const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const compilerOptions = {
  ...options,
  module: ts.ModuleKind.CommonJS,
  sourceMap: false,
  inlineSourceMap: true,
};

tsconfigPaths.register({ baseUrl: root, paths: configFile.config.compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
