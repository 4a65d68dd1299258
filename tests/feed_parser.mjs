// A second reading of the « Nouveautés » Atom feeds, by @rowanmanning/feed-parser
// (installed, pinned, into .tools/ by scripts/test.sh), to compare with feedparser.
// Usage: node tests/feed_parser.mjs FEED_PARSER_DIR FILE...
// Prints JSON: {file: {title, language, items: [{id, title, url, published, updated}]}},
// or {file: {error}} when the parser refuses a file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [parserDir, ...files] = process.argv.slice(2);
const { parseFeed } = createRequire(join(parserDir, "package.json"))(parserDir);
const out = {};
for (const file of files) {
  try {
    const feed = parseFeed(readFileSync(file, "utf-8"));
    out[file] = {
      title: feed.title, language: feed.language, url: feed.url,
      items: feed.items.map((item) => ({
        id: item.id, title: item.title, url: item.url,
        published: item.published ? item.published.toISOString() : null,
        updated: item.updated ? item.updated.toISOString() : null,
      })),
    };
  } catch (error) {
    out[file] = { error: String(error) };
  }
}
console.log(JSON.stringify(out));
