import { cdk8s, JsonFile, javascript } from 'projen';

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

  // This repository lives outside GitHub and publishes nothing yet.
  github: false,
  release: false,

  // The `cdk8s-daemonsets` CLI (src/cli, outside the jsii API) needs these at run time; a jsii
  // library must bundle its non-jsii dependencies. commander 14 is the newest major that still
  // runs on Node 20 (15 needs Node >= 22.12).
  bundledDeps: ['commander@^14', 'yaml@^2'],
  bin: { 'cdk8s-daemonsets': 'lib/cli/main.js' },

  devDeps: [
    'fast-check@^4',
    'tinybench@^6',
    'kubernetes-models@^4.5.1',
    'ajv@^8',
    // The real `cdk8s synth --validate` runs the validation plugin in test/plugin.
    'cdk8s-cli@^2.207.60',
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
    },
  },
});

// Examples and benchmarks are type-checked and run with ts-node against src/ directly.
new JsonFile(project, 'tsconfig.dev.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { rootDir: '.', noEmit: true },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts'],
  },
  marker: false,
});

// eslint's project service reads the nearest tsconfig.json, so each runnable folder gets one.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.dev.json', include: ['../src/**/*.ts', '**/*.ts'] },
    marker: false,
  });
}

const tsNode = 'ts-node --project tsconfig.dev.json';
// lib/index.js loads the presets on first use (projenrc/lazy-index.ts): most Apps use one or two of them.
project.postCompileTask.exec(`${tsNode} projenrc/lazy-index.ts lib/index.js`);
project.addTask('synth:examples', {
  description: 'Synthesize every example app to dist/examples/<name>/*.k8s.yaml',
  exec: `${tsNode} examples/synth.ts`,
  receiveArgs: true,
});
project.addTask('bench', {
  description: 'Run the benchmarks (speed and memory targets)',
  exec: `${tsNode} bench/run.ts`,
  receiveArgs: true,
});
// The package ships lib/, .jsii, README, API.md and docs/ (the README links there); the examples
// import ../../src and do not run from it.
project.npmignore?.exclude('/examples/', '/bench/', '/tsconfig.dev.json', '/.ci/');
// The JavaScript copy `npm run bench` runs its child processes on (bench/build.ts).
project.gitignore.exclude('/bench/.js/');
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
// The benchmarks run from the checkout, with the dev dependencies (typescript, tinybench).
project.eslint?.allowDevDeps('bench/**');

project.synth();
