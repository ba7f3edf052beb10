// The case tables of tests/ as the Node tests read them: the same files Python's tests read
// (tests/test_script_cases.py, tests/test_status_rule.py).
import { readFileSync } from "node:fs";

const tests = new URL("../", import.meta.url);

export function table(name) {
  return JSON.parse(readFileSync(new URL(name, tests), "utf-8"));
}

// What the build writes that the script reads: the rule pages carry, and each case of
// status_cases.yml as its badge carries it (written by tests/test_script_cases.py).
export const fromPython = table("js/from_python.json");
export const rule = fromPython.rule;

// The site's script, as the site serves it.
export const scripts = new URL("../../theme/assets/javascripts/deffinov/", import.meta.url);
