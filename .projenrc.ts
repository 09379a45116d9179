import { cdk8s, JsonFile, javascript, ReleasableCommits, release } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-daemonsets',
  description: 'Typed, validated Kubernetes DaemonSets for cdk8s: node exporters, log collectors, storage and monitoring agents.',
  author: 'cdk8s-daemonsets maintainers',
  authorAddress: 'maintainers@users.noreply.cdk8s-daemonsets.example',
  repositoryUrl: 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets.git',
  keywords: ['cdk8s', 'kubernetes', 'daemonset', 'node-exporter', 'fluent-bit', 'prometheus'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  stability: 'experimental',

  // cdk8s-plus-27 declares peers cdk8s ^2.68.11 and constructs ^10.3.0; projen's default
  // constructs 10.0.0 makes `npm install` fail with ERESOLVE.
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.3.0',
  // kplus types (DaemonSet, PercentOrAbsolute) are part of our public API, so it is a peer.
  peerDeps: ['cdk8s-plus-27@^2.9.5'],

  // jsii 6 bundles TypeScript 6.0 and needs Node >= 20.16. Pinning TypeScript keeps the
  // native TypeScript 7 away from ts-jest/ts-node; minNodeVersion keeps @types/node resolvable.
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  minNodeVersion: '20.16.0',

  // ---- Packaging and release (issue 15). Names follow the cdk8s construct libraries: the
  // PyPI/npm name is the package name, Go lives in a `<repo>-go` module with one package
  // directory, Java under the Maven Central namespace of the GitHub organization.
  // The GitHub workflows are generated for the day the repository moves to GitHub; nothing
  // here runs them, and nothing at `npm ci` or test time needs GitHub.
  github: true,
  // Every push to main that has a releasable conventional commit (feat, fix, perf, or a
  // breaking change) bumps the version (commit-and-tag-version) and writes the changelog from
  // those commits; the release workflow publishes to every registry below. Pull request titles
  // must be conventional commits (the pull-request-lint workflow), since they become the
  // squashed commit messages.
  release: true,
  releaseTrigger: release.ReleaseTrigger.continuous(),
  // Only a feature or a fix makes a release (minor or patch; `!` or BREAKING CHANGE: major).
  releasableCommits: ReleasableCommits.featuresAndFixes(),
  workflowNodeVersion: '22.x',
  // npm: OIDC trusted publishing (no NPM_TOKEN secret), with a provenance statement.
  npmTrustedPublishing: true,
  npmProvenance: true,
  publishToPypi: {
    distName: 'cdk8s-daemonsets',
    module: 'cdk8s_daemonsets',
    trustedPublishing: true,
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk8sdaemonsets',
    mavenGroupId: 'io.github.cdk8s-daemonsets',
    mavenArtifactId: 'cdk8s-daemonsets',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-daemonsets/cdk8s-daemonsets-go',
    packageName: 'cdk8sdaemonsets',
  },
  publishToNuget: {
    dotNetNamespace: 'Cdk8sDaemonsets',
    packageId: 'Cdk8sDaemonsets',
    trustedPublishing: true,
  },
  // No scheduled dependency-upgrade pull requests (the pins above are deliberate, and the
  // workflow needs a token with write access); `npx projen upgrade` stays for doing it by hand.
  depsUpgradeOptions: { workflow: false },
  githubOptions: {
    // Merging stays a person's decision: no merge-queue bot configuration.
    mergify: false,
    pullRequestLintOptions: {
      semanticTitleOptions: { types: ['feat', 'fix', 'perf', 'docs', 'refactor', 'test', 'build', 'ci', 'chore', 'revert'] },
    },
  },
  // ---- end of packaging and release

  // The `cdk8s-daemonsets` CLI (src/cli, outside the jsii API) needs these at run time; a jsii
  // library must bundle its non-jsii dependencies. commander 14 is the newest major that still
  // runs on Node 20 (15 needs Node >= 22.12).
  // re2js (a port of Go's regexp/syntax via RE2J) checks the regular expressions node-exporter
  // compiles at start (`regexp.MustCompile`: a bad one panics every pod); the presets run in the user's app.
  // fastest-levenshtein suggests the field meant by an unknown one (`nodeSelecter` → `nodeSelector`).
  // @types/js-yaml: the shipped typings of the YAML reader (lib/validation/*.d.ts, reached from
  // lib/index.d.ts) import js-yaml's types, which js-yaml does not ship; without them a consumer's
  // `tsc` (strict, no skipLibCheck, as `cdk8s init` apps build) fails (fresh-user trial).
  bundledDeps: ['commander@^14', 'yaml@^2', 're2js@^2.10.0', 'js-yaml@^4', '@types/js-yaml@^4', 'fastest-levenshtein@^1.0.16'],
  bin: { 'cdk8s-daemonsets': 'lib/cli/main.js' },

  devDeps: [
    'fast-check@^4',
    'tinybench@^6',
    'kubernetes-models@^4.5.1',
    'ajv@^8',
    // The SARIF validator of the SARIF project itself: `check --format sarif` is tested against it.
    '@microsoft/sarif-multitool@^5',
    // `cdk8s synth` as users run it: the validation plugin's test (`cdk8s synth --validate`,
    // test/validation/validation-plugin.test.ts) and the consumer test of the packed tarball (.ci/packaging).
    'cdk8s-cli@^2.207.60',
    // The lexer Node uses to find a CommonJS module's names for `import { Name } from` (test/projenrc/lazy-index.test.ts).
    'cjs-module-lexer@^2',
    // Bundles what `require('cdk8s-daemonsets')` loads into one file after jsii compiles (projenrc/eager-bundle.ts).
    'esbuild@^0.28',
  ],

  // Source maps in .js.map files beside lib/*.js (with the sources, for debuggers) instead of
  // inlined: inlined they make lib/ three times its size and cost ~40% of the time the library
  // takes to load (`npm run bench`, docs/benchmarks.md).
  tsconfig: {
    compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true },
  },

  jestOptions: {
    // Tests never write snapshots: a missing or changed snapshot fails (`npm run test:update` writes them).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      // Speed (issue 8): nothing reads the coverage report (no threshold, no upload), and v8
      // coverage took three quarters of the suite's CPU time (250 s of 314 s on 2 cores);
      // `npm run test:coverage` writes it when wanted.
      collectCoverage: false,
      // Every core: jest's default (cores - 1) runs the suites one after another on 2 cores.
      maxWorkers: '100%',
      // Generated by `cdk8s import` (src/imports/README.md): its lines are no measure of our tests.
      coveragePathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/', '/src/imports/'],
    },
  },
});

// Speed (issue 8): SWC strips the types, file by file, as ts-jest did here already (isolatedModules),
// without loading TypeScript in every worker: 20% less CPU for the suite, warm or cold cache.
// ES2022 as tsconfig.json's target, so class fields keep the same (define) semantics as jsii's build.
project.jest!.config.transform = {
  '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  }),
};
project.deps.removeDependency('ts-jest');
project.addDevDeps('@swc/core@^1.16', '@swc/jest@^0.2');
project.addTask('test:coverage', {
  description: 'Run the tests with a coverage report (coverage/, and a summary at the end)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

// The Node template ignores every path named `coverage`, which would hide src/coverage and test/coverage;
// jest's report directory stays ignored through its anchored `/coverage/`.
project.gitignore.removePatterns('coverage');

// Examples and benchmarks are type-checked and run with ts-node against src/ directly.
new JsonFile(project, 'tsconfig.dev.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { rootDir: '.', noEmit: true },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    // It imports the package by name, which resolves only where the packed tarball is installed.
    exclude: ['test/packaging/consumer'],
  },
  marker: false,
});
// jest only strips types (above) and jsii's compile checks src/ only: the tests, examples,
// benchmarks and scripts are type-checked here, before the tests run.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check src, test, examples, bench and scripts (tsconfig.dev.json)',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});

// eslint's project service reads the nearest tsconfig.json, so each runnable folder gets one.
for (const dir of ['examples', 'bench', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.dev.json', include: ['../src/**/*.ts', '**/*.ts'] },
    marker: false,
  });
}

const tsNode = 'ts-node --project tsconfig.dev.json';
// lib/index.js loads the presets on first use (projenrc/lazy-index.ts): most Apps use one or two of them.
project.postCompileTask.exec(`${tsNode} projenrc/lazy-index.ts lib/index.js`);
// ... and what it loads comes from one file, lib/bundle.js (projenrc/eager-bundle.ts): a file costs ~0.1 ms to load whatever its size.
project.postCompileTask.exec(`${tsNode} projenrc/eager-bundle.ts lib`);
project.addTask('synth:examples', {
  description: 'Synthesize every example app to dist/examples/<name>/*.k8s.yaml',
  exec: `${tsNode} examples/synth.ts`,
  receiveArgs: true,
});
// `check` on a 10,000-document file against js-yaml plus JSON-schema validation, and a 40 MB List
// (bench/check.ts, docs/benchmarks.md); it builds src/ into .bench-js/ for its child processes.
project.addTask('bench:check', {
  description: 'Benchmark `check` (speed and peak RSS) against js-yaml plus Kubernetes JSON-schema validation',
  exec: `${tsNode} bench/check.ts`,
});
project.gitignore.exclude('/.bench-js/');

project.addTask('bench', {
  description: 'Run the benchmarks (speed and memory targets)',
  exec: `${tsNode} bench/run.ts`,
  receiveArgs: true,
});
// The Kubernetes oracle (oracle/, a Go test tool built from Kubernetes' own code, see
// oracle/README.md): built into a cache once, then used by the tests under test/oracle.
// The Prometheus oracle (oracle/prometheus) is built the same way. The tests only look the
// binaries up (a Go build is no test's work), so `npm test` builds them first.
const oracleBuild = project.addTask('oracle:build', {
  description: 'Build the Go test tools (the Kubernetes and Prometheus oracles) into their cache; without Go, say that their tests are skipped',
  exec: 'ts-node --swc --project tsconfig.dev.json test/oracle/build-oracle.ts',
});
project.addTask('oracle:record', {
  description: 'Re-record the oracle answers and the known gaps (test/oracle/*.json); review the diff',
  exec: 'jest --runInBand test/oracle',
  env: { CDK8S_DAEMONSETS_ORACLE_RECORD: '1' },
}).prependSpawn(oracleBuild);
project.addTask('oracle:nightly', {
  description: 'The differential test with a fresh seed and 200 bases per mutation value (ORACLE_SEED, ORACLE_PER_MUTATION choose others)',
  exec: 'jest test/oracle/differential.test.ts',
  env: { ORACLE_NIGHTLY: '1' },
}).prependSpawn(oracleBuild);
project.testTask.prependSpawn(typecheck);
project.testTask.prependSpawn(oracleBuild);
project.tasks.tryFind('test:update')?.prependSpawn(oracleBuild);
// The strict-field schemas (src/validation/field-schemas/): generated from the Kubernetes OpenAPI v3
// spec of each supported release, fetched through the Go module proxy; committed, never edited by hand.
project.addTask('generate:field-schemas', {
  description: 'Regenerate src/validation/field-schemas/ from k8s.io/kubernetes api/openapi-spec/v3 (newest patch of 1.27-1.37 the Go module proxy serves); needs Go',
  exec: `${tsNode} --transpile-only scripts/generate-field-schemas.ts`,
});
// The package ships lib/, .jsii, README, API.md and docs/ (the README links there); the examples
// import ../../src and do not run from it.
project.npmignore?.exclude('/examples/', '/bench/', '/.bench-js/', '/tsconfig.dev.json', '/.ci/', '/oracle/');
// The JavaScript copy `npm run bench` runs its child processes on (bench/build.ts).
project.gitignore.exclude('/bench/.js/');
// The Prometheus Operator L1 classes (src/imports/README.md): generated, never edited by hand.
project.addTask('import:prometheus-operator', {
  description: 'Regenerate src/imports/ (the Prometheus Operator CRDs at the pinned release, and their cdk8s L1 classes); needs Go',
  exec: 'bash projenrc/import-prometheus-operator.sh',
});
project.eslint?.addIgnorePattern('src/imports/');
// projen ignores every folder named `coverage` (meant for jest's report), which hid src/coverage and
// test/coverage from eslint: only the report folder at the root is ignored.
project.eslint?.ignorePatterns.splice(project.eslint.ignorePatterns.indexOf('coverage'), 1, '/coverage/');
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
// The benchmarks run from the checkout, with the dev dependencies (typescript, tinybench).
project.eslint?.allowDevDeps('bench/**');

// ---- Packaging (issue 15): `package-all` builds every target whose toolchain is installed.
// This machine has no .NET SDK; jsii-pacmak would fail on it, so the step is skipped (projen
// prints "condition exited with non-zero - skipping") where `dotnet` is not on the PATH.
// (Conditions run in projen's built-in shell, which lacks `command -v` and `test -o` and expands
// `$` inside double quotes: node checks, without template strings.)
project.tasks.tryFind('package:dotnet')?.addCondition(
  'node -e "process.exit(require(\'child_process\').spawnSync(\'dotnet\', [\'--version\']).status === 0 ? 0 : 1)"');
// The Java and Go packages compile against cdk8s and cdk8s-plus-27, but the Maven Central and Go
// proxy mirrors reachable here serve neither at the versions the peer ranges need (Maven stops at
// cdk8s 2.70.47 and has no cdk8s-plus-27; the Go proxy has no cdk8s module). jsii-pacmak builds
// their bindings from the npm packages' own jsii assemblies into node_modules/<pkg>/dist/, where
// it looks for local builds of dependencies before any registry. The release workflow packages
// each language on its own (package:<lang>) against the public registries and skips this.
const jsiiDeps = project.addTask('package:jsii-deps', {
  description: 'Build Java and Go bindings of cdk8s and cdk8s-plus-27 from npm, for registries that lack them',
  // Once: skipped while every binding is there (node_modules/<pkg>/dist/{java,go}).
  condition: 'node -e "const fs = require(\'fs\'); process.exit([\'cdk8s\', \'cdk8s-plus-27\'].every(p => '
    + '[\'java\', \'go\'].every(t => fs.existsSync(\'node_modules/\' + p + \'/dist/\' + t))) ? 1 : 0)"',
  // Javadoc and source jars of the dependencies are never used here and double the Maven time.
  env: { MAVEN_OPTS: '-Dmaven.javadoc.skip=true -Dmaven.source.skip=true' },
  exec: 'jsii-pacmak -v node_modules/cdk8s node_modules/cdk8s-plus-27 --target java --target go',
});
project.tasks.tryFind('package-all')?.prependSpawn(jsiiDeps);
// Docs made from the code (issue 15): docs/api.md, an index of the API with each construct's own
// props first, after every compile (like API.md); docs/constructs.{dot,svg}, a picture of each
// construct and the objects it emits, by hand (Graphviz `dot`, Debian package graphviz).
const docsApi = project.addTask('docs:api', {
  description: 'Write docs/api.md, the API index, from the jsii assembly',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/api-index.ts',
});
project.postCompileTask.spawn(docsApi);
project.addTask('docs:diagram', {
  description: 'Write docs/constructs.dot from what the constructs synthesize and render docs/constructs.svg (needs Graphviz)',
  exec: 'ts-node --project tsconfig.dev.json scripts/diagram.ts',
  receiveArgs: true,
});
project.npmignore?.exclude('/scripts/', '/rosetta/');
// jsii-rosetta's translations, written next to .jsii by `rosetta:check` (jsii-pacmak then uses
// them for the examples in each language's docs); not a file for the repository or the tarball.
project.gitignore.exclude('.jsii.tabl.json');
project.npmignore?.exclude('/.jsii.tabl.json');
// A tarball `npm pack` left in the checkout would be packed into the next one.
project.npmignore?.exclude('*.tgz');
// The README and docstring examples compile inside rosetta/default.ts-fixture and translate to
// every jsii language (what the generated docs of each language show); any that does not fails.
project.addTask('rosetta:check', {
  description: 'Compile every README and docstring example with jsii-rosetta, failing on any error',
  exec: 'jsii-rosetta extract --fail .jsii',
});
project.eslint?.addLintPattern('scripts');
// The consumer app imports the package by its name, which resolves only where the packed tarball
// is installed (.ci/packaging); ts-node type-checks it there against the shipped .d.ts files.
project.eslint?.addIgnorePattern('test/packaging/consumer/');
// Real objects of the cdk8s-plus major that `cdk8s init` installs, for the tests of the error a
// user gets when passing them (test/internal/shape.test.ts).
project.addDevDeps('cdk8s-plus-33@^2.5.57');
// ---- end of packaging

project.synth();
