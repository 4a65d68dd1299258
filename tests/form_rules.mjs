// Runs the form's checks (overrides/assets/form-rules.js) with the form's data
// (assets/form-data.js as macros/downloads.py makes it) on the cases read from
// stdin: [[lang, what, args...], ...]; prints the answers as JSON.
import fs from "node:fs";
import vm from "node:vm";

const [data, rules] = process.argv.slice(2);
const sandbox = {window: {}};
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(data, "utf8"), sandbox);
vm.runInContext(fs.readFileSync(rules, "utf8"), sandbox);
const made = {fr: sandbox.window.QIC_RULES(sandbox.window.QIC_FORM, "fr"),
              en: sandbox.window.QIC_RULES(sandbox.window.QIC_FORM, "en")};
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const answers = cases.map(([lang, what, ...args]) => {
  const r = made[lang];
  if (what === "check") return r.check[args[0]](...args.slice(1));
  if (what === "french") return r.french(args[0]);
  if (what === "say") return r.say(args[0], args[1]);
  if (what === "yaml") return r.yaml.mapping(args[0], 0).join("\n") + "\n";
  if (what === "regex") {  // [source, flags], text, how: "test" | "replace"
    const source = args[0][0].replace(/\\q\{(\w+)\}/g, (all, name) => sandbox.window.QIC_FORM.rules.classes[name]);
    const pattern = new RegExp(source, args[0][1]);
    return args[2] === "replace" ? args[1].replace(pattern, args[3]) : pattern.test(args[1]);
  }
  throw new Error(what);
});
process.stdout.write(JSON.stringify(answers));
