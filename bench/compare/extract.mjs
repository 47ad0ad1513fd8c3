// Runs one JavaScript extractor over the AEB pages held in memory and
// writes its article texts and timings as JSON (driven by compare.py).
//
//   node extract.mjs EXTRACTOR DATA_DIR ROUNDS OUT.json
//
// EXTRACTOR: readability-jsdom, readability-linkedom or defuddle.
// Every page is gunzipped and decoded before any timing (the dev pages are
// all UTF-8); a round times, per page, building the DOM, extracting and
// turning the result into text, which is what a caller pays for an article.
// One untimed round first warms the JIT; its texts are the predictions.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { DefuddleClass } from 'defuddle/node';

// Block elements end a line, so that words of adjacent paragraphs are not
// glued together when an HTML result becomes text.
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD',
  'TH', 'TR', 'UL',
]);

function blockText(node, out) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue);
    } else if (child.nodeType === 1) {
      const block = BLOCK_TAGS.has(child.tagName.toUpperCase());
      if (block) out.push('\n');
      blockText(child, out);
      if (block) out.push('\n');
    }
  }
  return out;
}

function htmlToText(html) {
  const { document } = parseHTML('<!DOCTYPE html><html><body>' + html + '</body></html>');
  return blockText(document.body, []).join('').replace(/\n\s*\n+/g, '\n').trim();
}

// jsdom reports the pages' CSS it cannot parse; that is noise here.
const quietConsole = new VirtualConsole();

const EXTRACTORS = {
  // The setup Mozilla documents: jsdom's DOM, the article's textContent.
  'readability-jsdom': {
    packages: ['@mozilla/readability', 'jsdom'],
    extract(html, url) {
      const dom = new JSDOM(html, { url, virtualConsole: quietConsole });
      const article = new Readability(dom.window.document).parse();
      dom.window.close();
      return article ? article.textContent : '';
    },
  },
  // The same extractor on linkedom, a faster, less complete DOM.
  'readability-linkedom': {
    packages: ['@mozilla/readability', 'linkedom'],
    extract(html) {
      const { document } = parseHTML(html);
      const article = new Readability(document).parse();
      return article ? article.textContent : '';
    },
  },
  // Defuddle on linkedom (what it uses itself for HTML strings); the
  // synchronous parse, so that no extractor reaches for the network.
  defuddle: {
    packages: ['defuddle', 'linkedom'],
    extract(html, url) {
      const { document } = parseHTML(html);
      const result = new DefuddleClass(document, { url }).parse();
      return htmlToText(result.content || '');
    },
  },
};

function packageVersion(name) {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

function loadPages(dataDir) {
  const truth = JSON.parse(fs.readFileSync(path.join(dataDir, 'ground-truth.json'), 'utf8'));
  return Object.keys(truth).sort().map((id) => ({
    id,
    url: truth[id].url || 'https://example.com/',
    html: new TextDecoder('utf-8').decode(
      zlib.gunzipSync(fs.readFileSync(path.join(dataDir, 'html', `${id}.html.gz`)))),
  }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  const [name, dataDir, roundsArg, outPath] = process.argv.slice(2);
  const extractor = EXTRACTORS[name];
  if (!extractor || !outPath) {
    console.error(`usage: extract.mjs ${Object.keys(EXTRACTORS).join('|')} DATA_DIR ROUNDS OUT.json`);
    process.exit(2);
  }
  const pages = loadPages(dataDir);
  const texts = {};
  const errors = {};
  for (const page of pages) {
    try {
      texts[page.id] = extractor.extract(page.html, page.url);
    } catch (err) {
      texts[page.id] = '';
      errors[page.id] = String(err && err.message ? err.message : err).slice(0, 200);
    }
  }
  const wall = [];
  const cpu = [];
  for (let r = 0; r < Number(roundsArg); r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (const page of pages) {
      try {
        extractor.extract(page.html, page.url);
      } catch {
        // Counted in the untimed round already.
      }
    }
    const c = process.cpuUsage(c0);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
    cpu.push((c.user + c.system) / 1e6);
  }
  const versions = extractor.packages.map((p) => `${p} ${packageVersion(p)}`);
  versions.push(`node ${process.versions.node}`);
  fs.writeFileSync(outPath, JSON.stringify({
    extractor: name,
    versions,
    pages: pages.length,
    median_wall: median(wall),
    median_cpu: median(cpu),
    texts,
    errors,
  }));
}

main();
