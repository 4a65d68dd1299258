// A second reading of the published calendars and contact cards, by ical.js
// (Mozilla's parser, used by Thunderbird), to compare with the Python libraries
// that wrote them. Usage: node tests/second_parser.mjs ICAL_JS_PATH FILE...
// Prints JSON: {file: [{property: [values...]}...]} for each VEVENT or VCARD.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [icalPath, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(icalPath).href)).default;
const out = {};
for (const file of files) {
  const text = readFileSync(file, "utf-8");
  const parsed = ICAL.parse(text);
  const roots = Array.isArray(parsed[0]) ? parsed : [parsed];
  const items = [];
  for (const root of roots) {
    const component = new ICAL.Component(root);
    const wanted = component.name === "vcard" ? [component] : component.getAllSubcomponents("vevent");
    if (component.name === "vcalendar") {
      const calendar = {};
      for (const property of component.getAllProperties()) {
        calendar[property.name] = property.getValues().map(String);
      }
      items.push({ _calendar: calendar });
    }
    for (const item of wanted) {
      const record = {};
      for (const property of item.getAllProperties()) {
        record[property.name] = property.getValues().map((value) =>
          Array.isArray(value) ? value.map(String) : String(value));
      }
      items.push(record);
    }
  }
  out[file] = items;
}
console.log(JSON.stringify(out));
