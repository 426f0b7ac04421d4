// The benchmark scripts' command-line options.

// The number after `name` on the command line (`--runs 5`), or `dflt` when it is not given.
export function numberArg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
