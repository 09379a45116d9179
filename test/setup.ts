// Every synth prints the constructs' validation warnings to stderr, and the suite synthesizes
// hundreds of deliberately incomplete daemons: keep the test log readable. Tests that assert on
// warnings spy on process.stderr.write themselves. SHOW_SYNTH_WARNINGS=1 shows them all.
if (process.env.SHOW_SYNTH_WARNINGS !== '1') {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: any, ...rest: any[]) =>
    typeof chunk === 'string' && /^\[[^\]]*\] warning /.test(chunk) ? true : write(chunk, ...rest)) as typeof process.stderr.write;
}

// A test that asserts nothing cannot fail: every test must make at least one assertion.
beforeEach(() => {
  expect.hasAssertions();
});
