// Command-line options for the peer's scripts: `--name value` pairs over the given defaults (numbers stay numbers).
export function options (defaults) {
  const parsed = { ...defaults }
  for (const name of Object.keys(defaults)) {
    const i = process.argv.indexOf(`--${name}`)
    if (i >= 0) parsed[name] = typeof defaults[name] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1]
  }
  return parsed
}

// About the size of one CaseGrid event record, as the bare hub sends too.
export const payload = 'x'.repeat(320)
